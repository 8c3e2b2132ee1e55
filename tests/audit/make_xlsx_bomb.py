# Writes an .xlsx whose one sheet inflates far beyond its size on disk (issue
# 15, item 4): a header row of the platform export's columns, then `rows` rows
# each holding a cell of `cell` characters. Used by test_hostile_import.cpp.
# usage: python3 make_xlsx_bomb.py OUT.xlsx ROWS CELL_CHARS
import sys
import zipfile

out, rows, cell = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels",
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
               'Target="worksheets/sheet1.xml"/></Relationships>')
    header = ["录入单位", "案件编号", "当事人", "案件类别", "立案日期", "涉案金额", "罚款金额", "录入日期"]
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(f"<worksheet {ns}><sheetData>".encode())
        f.write(("<row>" + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in header) + "</row>").encode())
        row = ('<row><c t="inlineStr"><is><t>宛城区市场监督管理局</t></is></c><c t="inlineStr"><is><t>'
               + "x" * cell + "</t></is></c></row>").encode()
        for _ in range(rows):
            f.write(row)
        f.write(b"</sheetData></worksheet>")
