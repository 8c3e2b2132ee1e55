// Legacy .xls exports. No .xls writer is available offline, so the test
// writes a minimal BIFF8 workbook itself (an OLE2 compound file holding a
// Workbook stream: BOF, SST, XF, BOUNDSHEET, then one worksheet with
// LABELSST and NUMBER cells) and reads it back through the importer.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "caseaudit/audit/table_import.h"
#include "support/fixtures.h"

using namespace caseaudit;
using namespace caseaudit::audit;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

namespace {

using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& b, unsigned v) {
  b.push_back(static_cast<std::uint8_t>(v & 0xFF));
  b.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
}
void put32(Bytes& b, std::uint32_t v) {
  put16(b, v & 0xFFFF);
  put16(b, v >> 16);
}
void put_double(Bytes& b, double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, 8);
  put32(b, static_cast<std::uint32_t>(bits));
  put32(b, static_cast<std::uint32_t>(bits >> 32));
}

// UTF-8 -> UTF-16 code units (BMP only, enough for the test's Chinese text).
std::vector<std::uint16_t> utf16(const std::string& s) {
  std::vector<std::uint16_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c);
      i += 1;
    } else if (c < 0xE0) {
      out.push_back(static_cast<std::uint16_t>(((c & 0x1F) << 6) | (s[i + 1] & 0x3F)));
      i += 2;
    } else {
      out.push_back(static_cast<std::uint16_t>(((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)));
      i += 3;
    }
  }
  return out;
}

// Appends by hand: GCC 12 warns falsely (stringop-overflow) on vector::insert of byte ranges.
void append(Bytes& to, const Bytes& from) {
  if (from.empty()) return;
  const std::size_t at = to.size();
  to.resize(at + from.size());
  std::memcpy(to.data() + at, from.data(), from.size());
}

void record(Bytes& stream, unsigned type, const Bytes& data) {
  put16(stream, type);
  put16(stream, static_cast<unsigned>(data.size()));
  append(stream, data);
}

Bytes bof(unsigned kind) {
  Bytes d;
  put16(d, 0x0600);  // BIFF8
  put16(d, kind);    // 0x0005 globals, 0x0010 worksheet
  put16(d, 0x0DBB);
  put16(d, 0x07CC);
  put32(d, 0);
  put32(d, 0x06);
  return d;
}

struct XlsCell {
  int row, col;
  std::string text;  // a string cell when not numeric
  double number = 0;
  bool numeric = false;
  bool date = false;  // numeric with a date format
};

// The Workbook stream of one sheet.
Bytes workbook_stream(const std::string& sheet_name, const std::vector<XlsCell>& cells) {
  std::vector<std::string> strings;
  for (const auto& c : cells)
    if (!c.numeric) strings.push_back(c.text);

  Bytes globals;
  record(globals, 0x0809, bof(0x0005));
  record(globals, 0x0042, Bytes{0xB0, 0x04});  // CODEPAGE: UTF-16
  record(globals, 0x0022, Bytes{0, 0});        // DATEMODE: 1900
  for (const unsigned format : {0u, 14u}) {   // XF 0: General, XF 1: the built-in date format
    Bytes xf(20, 0);
    xf[2] = static_cast<std::uint8_t>(format);
    record(globals, 0x00E0, xf);
  }
  Bytes sst;
  put32(sst, static_cast<std::uint32_t>(strings.size()));
  put32(sst, static_cast<std::uint32_t>(strings.size()));
  for (const auto& s : strings) {
    const auto u = utf16(s);
    put16(sst, static_cast<unsigned>(u.size()));
    sst.push_back(1);  // UTF-16
    for (const auto ch : u) put16(sst, ch);
  }
  const auto name = utf16(sheet_name);
  Bytes sheet_entry;
  put32(sheet_entry, 0);  // offset of the sheet's BOF, patched below
  sheet_entry.push_back(0);
  sheet_entry.push_back(0);
  sheet_entry.push_back(static_cast<std::uint8_t>(name.size()));
  sheet_entry.push_back(1);
  for (const auto ch : name) put16(sheet_entry, ch);
  const std::size_t boundsheet_at = globals.size() + 4;
  record(globals, 0x0085, sheet_entry);
  record(globals, 0x00FC, sst);
  record(globals, 0x000A, {});

  Bytes sheet;
  record(sheet, 0x0809, bof(0x0010));
  int rows = 0, cols = 0;
  for (const auto& c : cells) {
    rows = std::max(rows, c.row + 1);
    cols = std::max(cols, c.col + 1);
  }
  Bytes dim;
  put32(dim, 0);
  put32(dim, static_cast<std::uint32_t>(rows));
  put16(dim, 0);
  put16(dim, static_cast<unsigned>(cols));
  put16(dim, 0);
  record(sheet, 0x0200, dim);
  std::uint32_t sst_index = 0;
  for (const auto& c : cells) {
    Bytes d;
    put16(d, static_cast<unsigned>(c.row));
    put16(d, static_cast<unsigned>(c.col));
    put16(d, c.date ? 1 : 0);
    if (c.numeric) {
      put_double(d, c.number);
      record(sheet, 0x0203, d);  // NUMBER
    } else {
      put32(d, sst_index++);
      record(sheet, 0x00FD, d);  // LABELSST
    }
  }
  record(sheet, 0x000A, {});

  const auto offset = static_cast<std::uint32_t>(globals.size());
  for (int i = 0; i < 4; ++i) globals[boundsheet_at + i] = static_cast<std::uint8_t>(offset >> (8 * i));
  append(globals, sheet);
  return globals;
}

// An OLE2 compound file (version 3, 512-byte sectors) holding one stream
// named "Workbook", padded to 4096 bytes so it lives outside the mini stream.
Bytes compound_file(Bytes stream) {
  if (stream.size() < 4096) stream.resize(4096, 0);
  const std::size_t sectors = (stream.size() + 511) / 512;
  stream.resize(sectors * 512, 0);
  REQUIRE(sectors + 2 <= 128);  // one FAT sector is enough

  Bytes out;
  const std::uint8_t signature[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  append(out, Bytes(signature, signature + 8));
  out.resize(24, 0);  // CLSID
  put16(out, 0x003E);
  put16(out, 0x0003);
  put16(out, 0xFFFE);
  put16(out, 9);  // 512-byte sectors
  put16(out, 6);  // 64-byte mini sectors
  out.resize(out.size() + 6, 0);
  put32(out, 0);           // directory sectors (version 3: 0)
  put32(out, 1);           // FAT sectors
  put32(out, 1);           // first directory sector
  put32(out, 0);           // transaction signature
  put32(out, 4096);        // mini stream cutoff
  put32(out, 0xFFFFFFFE);  // no mini FAT
  put32(out, 0);
  put32(out, 0xFFFFFFFE);  // no DIFAT sectors
  put32(out, 0);
  put32(out, 0);  // DIFAT[0]: the FAT is sector 0
  for (int i = 1; i < 109; ++i) put32(out, 0xFFFFFFFF);
  REQUIRE(out.size() == 512);

  // Sector 0: FAT.
  Bytes fat;
  put32(fat, 0xFFFFFFFD);  // sector 0 is the FAT
  put32(fat, 0xFFFFFFFE);  // sector 1: the directory, one sector
  for (std::size_t s = 0; s < sectors; ++s) put32(fat, s + 1 < sectors ? static_cast<std::uint32_t>(s + 3) : 0xFFFFFFFE);
  while (fat.size() < 512) put32(fat, 0xFFFFFFFF);
  append(out, fat);

  // Sector 1: directory (root entry, the Workbook stream, two unused entries).
  auto entry = [](const std::string& name, std::uint8_t type, std::uint32_t child, std::uint32_t start, std::uint32_t size) {
    Bytes e;
    const auto u = utf16(name);
    for (const auto ch : u) put16(e, ch);
    e.resize(64, 0);
    put16(e, static_cast<unsigned>((u.size() + 1) * 2));
    e.push_back(type);
    e.push_back(1);  // black
    put32(e, 0xFFFFFFFF);
    put32(e, 0xFFFFFFFF);
    put32(e, child);
    e.resize(e.size() + 16 + 4 + 16, 0);  // CLSID, state, times
    put32(e, start);
    put32(e, size);
    put32(e, 0);
    return e;
  };
  Bytes dir = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0);
  const Bytes wb = entry("Workbook", 2, 0xFFFFFFFF, 2, static_cast<std::uint32_t>(stream.size()));
  append(dir, wb);
  for (int i = 0; i < 2; ++i) {
    Bytes empty(128, 0);
    for (int k = 68; k < 80; ++k) empty[k] = 0xFF;  // no siblings or child
    append(dir, empty);
  }
  append(out, dir);
  append(out, stream);
  return out;
}

void write_xls(const std::filesystem::path& path, const std::string& sheet, const std::vector<XlsCell>& cells) {
  const Bytes bytes = compound_file(workbook_stream(sheet, cells));
  write_file(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace

TEST_CASE("xls: a BIFF8 workbook with a title row, text, numbers and date cells") {
  ScratchDir dir("import_xls");
  const auto path = dir / "export.xls";
  std::vector<XlsCell> cells = {{0, 0, "宛城区两法衔接平台案件导出"}};
  const char* headers[] = {"录入单位", "案件编号", "当事人", "案件类别", "立案日期", "涉案金额", "录入日期"};
  for (int c = 0; c < 7; ++c) cells.push_back({1, c, headers[c]});
  cells.push_back({2, 0, "宛城区市场监督管理局"});
  cells.push_back({2, 1, "宛市监处罚〔2023〕87号"});
  cells.push_back({2, 2, "南阳某某商贸有限公司"});
  cells.push_back({2, 3, "行政处罚"});
  cells.push_back({2, 4, "", 45058, true, true});  // a date cell: 2023-05-12
  cells.push_back({2, 5, "", 12345.6, true});
  cells.push_back({2, 6, "", 45000, true});  // a plain number in a date column: a serial
  cells.push_back({3, 0, "合计"});
  write_xls(path, "案件", cells);

  const ImportReport r = import_table(path, load_column_profile(default_exports_dir(), "platform"));
  CHECK(r.format == "xls");
  CHECK(r.sheet == "案件");
  CHECK(r.header_row == 2);
  REQUIRE(r.records.size() == 1);
  const CaseRecord& c = r.records[0];
  CHECK(c.origin.row == 3);
  CHECK(c.unit == "宛城区市场监督管理局");
  CHECK(c.number_key == "宛市监处罚〔2023〕87号");
  CHECK(c.category == Category::Penalty);
  CHECK(c.filed == forms::Date{2023, 5, 12});
  CHECK(c.case_amount == 1234560);
  CHECK(c.entered == forms::Date{2023, 3, 15});
  REQUIRE(r.problems.size() == 1);  // the 合计 footer
  CHECK(r.problems[0].row == 4);
}
