#!/usr/bin/env python3
"""Writes the hand-made seed corpora of fuzz/corpus/<target>/: small valid inputs and edge cases
for each target, built here byte by byte (nothing downloaded). Rerun after changing a seed;
the files are committed so the fuzzers need no Python."""
import io
import json
import os
import shutil
import struct
import zipfile
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def id_number(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[s % 11]


SQUARE = [[120.58, 29.99], [120.59, 29.99], [120.59, 30.0], [120.58, 30.0], [120.58, 29.99]]
HOLE = [[120.583, 29.993], [120.583, 29.996], [120.586, 29.996], [120.586, 29.993],
        [120.583, 29.993]]


def ids():
    write("id_number", "standard", id_number("11010519491231002"))
    write("id_number", "lower_x", id_number("11010519491231002").lower() + "  ")
    write("id_number", "legacy15", "110105491231002")
    write("id_number", "bad_check", "110105194912310021")
    write("id_number", "leap_day", id_number("33068120000229123"))
    write("id_number", "not_leap", id_number("33068119000229123"))
    write("id_number", "future", id_number("33068120991231123"))
    write("id_number", "fullwidth", "１１０１０５１９４９１２３１００２Ｘ")
    write("id_number", "empty", "")


def autonomy_texts():
    for name, text in {
        "board": "王五 330681199001011234 每月 800 元，咨询 138 5750 0003。2025-09-30 支出 8200.00 元",
        "fullwidth": "电话１３８５７５０００３，座机0575-87000002",
        "amounts": "收入 1200 350 800 元",
        "assembly": "\x02\x00\x01\x00\x00\x80\x00\x00\x60\x00\x00\x10\x00\x00\x05\x01\x00\x00\x90\x00\x00\x70\x02",
    }.items():
        write("autonomy_text", name, text)


def phones():
    for name, text in [("mobile", "13812345678"), ("plus86", "+86 138-1234-5678"),
                       ("zero086", "0086 13812345678"), ("fullwidth", "１３８（１２３４）５６７８"),
                       ("landline", "0575-87654321"), ("extension", "0575-87654321转123"),
                       ("dash_ext", "0575-87654321-123"), ("beijing", "(010) 8765 4321"),
                       ("intl_landline", "+86 575 8765 4321"), ("service400", "400-123-4567"),
                       ("service95", "95588"), ("bad", "12345"), ("invalid_utf8", b"138\xff1234")]:
        write("phone", name, text)


def json_bodies():
    bodies = {
        "resident": {"org_code": "330681109001001", "name": "张三", "id_type": "resident_id",
                     "id_number": id_number("33068119800101123"), "phone": "13812345678",
                     "residency_kind": "registered", "ethnicity": "01", "relation": "02",
                     "house_id": 1, "household_id": None},
        "resident_bad": {"name": 5, "id_number": "330681", "phone": "abc", "house_id": "x"},
        "resident_edit": {"version": 3, "purpose": "走访", "phone": "0575-87654321转12",
                          "id_number": "330681800101123", "gender": "female"},
        "case": {"category_code": "E0102", "description": "路灯不亮", "address": "解放路 1 号",
                 "lng": 120.585, "lat": 29.995, "urgency": "urgent",
                 "reporter_name": "李四", "reporter_phone": "13812345678"},
        "case_grid": {"category_code": "C0101", "description": "井盖缺失",
                      "grid_code": "330681109001001", "lng": None, "lat": 91.5},
        "category_patch": {"version": 2, "name": "占道经营", "routing": "owner_first",
                           "active": False, "department_category": "urban_management",
                           "deadlines": [{"stage": "handling", "urgency": "normal",
                                          "amount": 3, "unit": "working_days"},
                                         {"stage": "handling", "urgency": "normal",
                                          "amount": 3, "unit": "working_days"}]},
        "grid": {"village_code": "330681109001", "name": "一网格", "kind": "comprehensive",
                 "household_capacity": 300, "worker_ids": [1, 2], "version": 1,
                 "geometry": {"type": "Polygon", "coordinates": [SQUARE, HOLE]}},
        "household": {"number": "  0101 ", "house_id": 7, "org_code": "330681109001001",
                      "head_id": None, "version": 1},
        "empty": {},
    }
    for name, body in bodies.items():
        write("json_body", name, json.dumps(body, ensure_ascii=False))
    write("json_body", "escapes", '{"name":"\\u5f20\\ud83d\\ude00\\u0000","notes":"\\"\\\\"}')
    write("json_body", "numbers", '{"version":9223372036854775807,"house_id":18446744073709551615,'
                                  '"lng":-0.0,"lat":1e308,"amount":-1}')
    write("json_body", "nested", "{\"a\":" + "[" * 64 + "]" * 64 + "}")
    write("json_body", "not_object", "[1,2,3]")
    write("json_body", "truncated", '{"name":"张')


def geojson():
    write("geojson", "square", json.dumps({"type": "Polygon", "coordinates": [SQUARE]}))
    # found by the smoke run (2026-12-08): a number where the type names the geometry
    write("geojson", "type_number", json.dumps({"type": 29.333333333}))
    write("geojson", "hole", json.dumps({"type": "Polygon", "coordinates": [SQUARE, HOLE]}))
    write("geojson", "feature", json.dumps({"type": "Feature", "properties": {},
                                            "geometry": {"type": "Polygon",
                                                         "coordinates": [SQUARE]}}))
    bowtie = [[120.58, 29.99], [120.59, 30.0], [120.59, 29.99], [120.58, 30.0], [120.58, 29.99]]
    write("geojson", "bowtie", json.dumps({"type": "Polygon", "coordinates": [bowtie]}))
    write("geojson", "open_ring", json.dumps({"type": "Polygon", "coordinates": [SQUARE[:4]]}))
    write("geojson", "out_of_range", '{"type":"Polygon","coordinates":[[[190,0],[191,0],[191,1],'
                                     '[190,0]]]}')
    write("geojson", "multipolygon", json.dumps({"type": "MultiPolygon",
                                                 "coordinates": [[SQUARE]]}))
    # The stored form: hex WKB, little-endian, one ring.
    wkb = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(SQUARE))
    for x, y in SQUARE:
        wkb += struct.pack("<dd", x, y)
    write("geojson", "wkb_square", wkb.hex().upper())
    write("geojson", "wkb_huge_count", (struct.pack("<BII", 1, 3, 1) +
                                        struct.pack("<I", 0x7FFFFFFF)).hex().upper())


def csvs():
    write("csv", "utf8_bom", "\ufeff姓名,身份证号,电话\r\n张三,11010519491231002X,13812345678\r\n")
    write("csv", "quoted", 'name,notes\n"王, 五","多行\n说明，含 ""引号"""\n,,\n"末行"')
    write("csv", "gbk", "姓名,住址\r\n张三,绍兴市\r\n".encode("gbk"))
    write("csv", "open_quote", 'a,b\n"never closed,1\n')
    write("csv", "lone_cr", "a,b\rc,d\r\re,f")
    write("csv", "utf16", "\ufeffa,b\n".encode("utf-16-le"))
    write("csv", "nul", b"a,b\n\x00,c\n")
    write("csv", "gb18030_4byte", "€,𠀀\n".encode("gb18030"))


def xlsx_files():
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '</Types>')
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><workbookPr date1904="{d1904}"/><sheets><sheet name="居民" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>')
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>')
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>姓名</t></si><si><t>出生日期'
        '</t></si><si><r><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh><t>ZHANG</t>'
        '</rPh></si></sst>')
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="yyyy/mm/dd hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
        '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
        '</cellXfs></styleSheet>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>32874</v></c>'
        '<c r="C3" s="2"><v>45000.5</v></c><c r="D3"><v>1.10105194912310E+17</v></c>'
        '<c r="E3" t="b"><v>1</v></c><c r="F3" t="inlineStr"><is><t>内联</t></is></c>'
        '<c r="G3" t="str"><f>A3</f><v>张三</v></c><c r="AB3"><v>0.1</v></c></row>'
        '<row><c><v>-3.5E-7</v></c></row></sheetData></worksheet>')

    def package(compression, d1904="0", drop=None):
        parts = {"[Content_Types].xml": content_types, "_rels/.rels": root_rels,
                 "xl/workbook.xml": workbook.replace("{d1904}", d1904),
                 "xl/_rels/workbook.xml.rels": wb_rels, "xl/sharedStrings.xml": strings,
                 "xl/styles.xml": styles, "xl/worksheets/sheet1.xml": sheet}
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression) as z:
            for name, text in parts.items():
                if name != drop:
                    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                    info.compress_type = compression
                    z.writestr(info, text)
        return buf.getvalue()

    write("xlsx", "stored", package(zipfile.ZIP_STORED))
    write("xlsx", "deflated", package(zipfile.ZIP_DEFLATED))
    write("xlsx", "date1904", package(zipfile.ZIP_STORED, d1904="1"))
    write("xlsx", "no_root_rels", package(zipfile.ZIP_STORED, drop="_rels/.rels"))
    write("xlsx", "no_strings", package(zipfile.ZIP_STORED, drop="xl/sharedStrings.xml"))
    # A zip bomb in miniature: a part that inflates far beyond the target's 1 MiB limit.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("xl/workbook.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, "<workbook>" + " " * (4 << 20) + "</workbook>")
    write("xlsx", "bomb", buf.getvalue())
    write("xlsx", "truncated", package(zipfile.ZIP_STORED)[:300])


def open311():
    write("open311_form", "request",
          "api_key=k1&jurisdiction_id=330681&service_code=E0102&lat=29.995&long=120.585"
          "&address_string=%E8%A7%A3%E6%94%BE%E8%B7%AF+1%E5%8F%B7&email=a%40b.cn"
          "&first_name=%E4%B8%89&last_name=%E5%BC%A0&phone=13812345678"
          "&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE&media_url=https%3A%2F%2Fx.cn%2Fa.jpg")
    write("open311_form", "attributes",
          "service_code=E0102&attribute[plate]=ZJD12345&attribute[detail]=a+b%0Ac"
          "&attribute[count]=3.5&attribute[seen_at]=2026-05-01T08:30:00%2B08:00"
          "&attribute[kind]=a&attribute[tags][]=x&attribute[tags][]=y&attribute[tags][]=x")
    write("open311_form", "bad_attributes",
          "attribute[]=1&attribute[a]b=2&attribute[note]=3&attribute[kind][]=a&attribute[nope]=4"
          "&attribute[count]=1e999&attribute[seen_at]=2026-02-30")
    write("open311_form", "bad_utf8", "description=%FF%FE&api_key=%E4%B8")
    write("open311_form", "edges", "&&=&a&%&%2&%zz=%%&+=+&a=b=c")


def jpeg_with_gps():
    # TIFF (little-endian): IFD0 with Orientation and the GPS pointer; the GPS IFD with a
    # latitude (three rationals, out of line).
    gps_ifd_off = 8 + 2 + 2 * 12 + 4
    tiff = b"II*\x00" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHII", 0x0112, 3, 1, 1)
    tiff += struct.pack("<HHII", 0x8825, 4, 1, gps_ifd_off)
    tiff += struct.pack("<I", 0)
    rationals_off = gps_ifd_off + 2 + 12 + 4
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x0002, 5, 3, rationals_off)
    tiff += struct.pack("<I", 0) + struct.pack("<6I", 30, 1, 0, 1, 0, 1)
    app1 = b"Exif\x00\x00" + tiff
    out = b"\xff\xd8"
    out += b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    out += b"\xff\xe1" + struct.pack(">H", 2 + len(app1)) + app1
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"
    out += b"\xff\xe1" + struct.pack(">H", 2 + len(xmp)) + xmp
    out += b"\xff\xfe" + struct.pack(">H", 7) + b"hello"
    out += b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes(range(1, 65))
    out += b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 1, 1, 1) + b"\x01\x11\x00"
    out += b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    out += b"\x12\xff\x00\x34\xff\xd0\x56"
    out += b"\xff\xd9" + b"trailer"
    return out


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def photos():
    write("photo_check", "jpeg_gps", jpeg_with_gps())
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"gAMA", b"\x00\x00\xb1\x8f")
    png += png_chunk(b"tEXt", b"Comment\x00GPS 30,120") + png_chunk(b"eXIf", b"MM\x00*\x00\x00\x00\x08")
    png += png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"") + b"after"
    write("photo_check", "png_text", png)
    vp8x = bytes([0x0C, 0, 0, 0]) + b"\x00\x00\x00" + b"\x00\x00\x00"
    body = b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    body += b"VP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00" + b"\x00"
    exif = b"II*\x00\x08\x00\x00\x00\x00\x00"
    body += b"EXIF" + struct.pack("<I", len(exif)) + exif
    body += b"XMP " + struct.pack("<I", 3) + b"<x/" + b"\x00"
    webp = b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body
    write("photo_check", "webp_exif", webp)
    write("photo_check", "gif", b"GIF89a\x01\x00\x01\x00")
    write("photo_check", "jpeg_truncated", jpeg_with_gps()[:40])


if __name__ == "__main__":
    shutil.rmtree(ROOT, ignore_errors=True)
    ids()
    phones()
    autonomy_texts()
    json_bodies()
    geojson()
    csvs()
    xlsx_files()
    open311()
    photos()
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(ROOT) for f in fs)
    print(f"seeds: {sum(len(fs) for _, _, fs in os.walk(ROOT))} files, {total} bytes")
