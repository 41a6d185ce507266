-- Imports and the house picker find a house by its grid and address. Without this index each
-- lookup walked every house of the grid: imports slowed down quadratically with a grid's size.
CREATE INDEX people_houses_address ON people_houses (org_code, address);
