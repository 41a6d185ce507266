// Converts between a grid Feature and the editable form / the API's "grid input".

export function emptyGridForm() {
  return {
    name: '',
    kind: 'comprehensive',
    dedicated_kind: 'school',
    household_capacity: 300,
    population_capacity: 1000,
    hotline: '',
    worker_ids: [],
  };
}

export function formFromGrid(properties) {
  return {
    name: properties.name ?? '',
    kind: properties.kind ?? 'comprehensive',
    dedicated_kind: properties.dedicated_kind || 'school',
    household_capacity: properties.household_capacity ?? 0,
    population_capacity: properties.population_capacity ?? 0,
    hotline: properties.hotline ?? '',
    worker_ids: (properties.workers ?? []).map((w) => w.user_id).filter((id) => id !== undefined),
  };
}

/** The body of POST /api/v1/grids (and of PUT, with version). */
export function gridInput({ villageCode, form, geometry, version }) {
  const input = {
    village_code: villageCode,
    name: form.name.trim(),
    kind: form.kind,
    geometry,
    household_capacity: form.household_capacity ?? 0,
    population_capacity: form.population_capacity ?? 0,
    hotline: form.hotline.trim(),
    worker_ids: form.worker_ids ?? [],
  };
  if (form.kind === 'dedicated') input.dedicated_kind = form.dedicated_kind;
  if (version !== undefined) input.version = version;
  return input;
}
