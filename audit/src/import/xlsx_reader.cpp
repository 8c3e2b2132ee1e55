// Reading .xlsx workbooks (see xlsx_reader.h).
#include "import/xlsx_reader.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "import/cells.h"
#include "import/header_match.h"
#include "import/row_processor.h"
#include "import/xml_zip.h"

namespace caseaudit::audit::import {

namespace {

constexpr std::size_t kMaxColumns = 16384;  // XFD, Excel's last column

bool attr_true(const char* v) { return v && (std::string_view(v) == "1" || std::string_view(v) == "true"); }

// "_x000D_" -> CR: Excel's escape for characters XML cannot carry.
std::string unescape_excel(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::all_of(s.begin() + static_cast<long>(i) + 2, s.begin() + static_cast<long>(i) + 6,
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
      const auto cp = static_cast<unsigned>(std::strtoul(s.substr(i + 2, 4).c_str(), nullptr, 16));
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
      i += 6;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// "B12" -> column 1, row 12 (either may be absent: -1).
void parse_ref(std::string_view ref, long& column, long& row) {
  column = -1;
  row = -1;
  std::size_t i = 0;
  long c = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && c <= 20000)
    c = c * 26 + (std::toupper(static_cast<unsigned char>(ref[i++])) - 'A' + 1);
  if (i > 0) column = c - 1;
  long r = 0;
  const std::size_t digits = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])) && r <= 100000000) r = r * 10 + (ref[i++] - '0');
  if (i > digits) row = r;
}

struct SheetEntry {
  std::string name;
  std::string rel;
  std::string member;  // xl/worksheets/sheet1.xml
};

struct WorkbookHandler : XmlHandler {
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** a) override {
    if (name == "workbookPr") date1904 = attr_true(xml_attribute(a, "date1904"));
    if (name == "sheet") {
      const char* n = xml_attribute(a, "name");
      const char* id = xml_attribute(a, "id", true);
      sheets.push_back({n ? n : "", id ? id : "", ""});
    }
  }
  void end(std::string_view) override {}
};

struct RelsHandler : XmlHandler {
  std::map<std::string, std::string> targets;
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const char* id = xml_attribute(a, "Id");
    const char* target = xml_attribute(a, "Target");
    if (id && target) targets[id] = target;
  }
  void end(std::string_view) override {}
};

// Number formats: which cell styles (cellXfs indices) show dates.
struct StylesHandler : XmlHandler {
  std::map<int, std::string> custom;
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  void start(std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const char* id = xml_attribute(a, "numFmtId");
      const char* code = xml_attribute(a, "formatCode");
      if (id && code) custom[std::atoi(id)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id = xml_attribute(a, "numFmtId");
      xf_formats.push_back(id ? std::atoi(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  static bool date_code(std::string code) {
    std::string plain;
    for (std::size_t i = 0; i < code.size(); ++i) {
      const char c = code[i];
      if (c == '"') {  // quoted literal
        const std::size_t close = code.find('"', i + 1);
        i = close == std::string::npos ? code.size() : close;
      } else if (c == '[') {  // [Red], [$-804]
        const std::size_t close = code.find(']', i + 1);
        i = close == std::string::npos ? code.size() : close;
      } else if (c == '\\') {
        ++i;
      } else {
        plain.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
    }
    if (plain.find("general") != std::string::npos) return false;
    return plain.find_first_of("ydmhs") != std::string::npos;
  }
  std::vector<bool> date_styles() const {
    std::vector<bool> out;
    for (const int id : xf_formats) {
      bool date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
      if (const auto it = custom.find(id); it != custom.end()) date = date_code(it->second);
      out.push_back(date);
    }
    return out;
  }
};

struct SharedStringsHandler : XmlHandler {
  std::vector<std::string> strings;
  std::string current;
  bool in_si = false, in_t = false;
  int phonetic = 0;  // inside <rPh>: a reading guide, not the text
  void start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si = true;
      current.clear();
    } else if (name == "rPh") {
      ++phonetic;
    } else if (name == "t" && in_si && phonetic == 0) {
      in_t = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      strings.push_back(unescape_excel(std::move(current)));
      current.clear();
      in_si = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "t") {
      in_t = false;
    }
  }
  void text(std::string_view t) override {
    if (in_t) current.append(t);
  }
};

struct Merge {
  long r1, c1, r2, c2;
  Cell value;
};

// A worksheet's rows (dense, 0-based columns) and merged ranges.
struct SheetHandler : XmlHandler {
  enum class Mode { Probe, Merges, Rows } mode;
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_styles;
  bool date1904;
  std::function<void(int, const Row&)> on_row;  // Rows mode
  std::vector<Row> first_rows;                   // Probe mode
  std::vector<Merge> merges;

  long row_number = 0;
  long rows_seen = 0;
  long column = -1;
  Row row;
  bool in_row = false, in_cell = false, in_value = false, in_inline = false, in_text = false;
  int phonetic = 0;
  std::string type;
  int style = 0;
  std::string value;

  SheetHandler(Mode m, const std::vector<std::string>& s, const std::vector<bool>& d, bool d1904)
      : mode(m), shared(s), date_styles(d), date1904(d1904) {}

  void start(std::string_view name, const char** a) override {
    if (mode == Mode::Merges) {
      if (name == "mergeCell") {
        const char* ref = xml_attribute(a, "ref");
        if (!ref) return;
        const std::string_view r(ref);
        const std::size_t colon = r.find(':');
        if (colon == std::string_view::npos) return;
        long c1, r1, c2, r2;
        parse_ref(r.substr(0, colon), c1, r1);
        parse_ref(r.substr(colon + 1), c2, r2);
        if (c1 >= 0 && r1 > 0 && c2 >= c1 && r2 >= r1 && static_cast<std::size_t>(c2) < kMaxColumns)
          merges.push_back({r1, c1, r2, c2, {}});
      }
      return;
    }
    if (name == "row") {
      if (++rows_seen > kMaxSheetRows) {
        const std::string n = std::to_string(kMaxSheetRows);
        refused = "超过 " + n + " 行，已拒绝 (more than " + n + " rows: refused)";
        stop = true;
        return;
      }
      in_row = true;
      const char* r = xml_attribute(a, "r");
      const long given = r ? std::atol(r) : 0;
      // Rows ascend; a number out of Excel's range or going backwards is taken as the next row.
      row_number = given > row_number && given <= 1048576 ? given : row_number + 1;
      column = -1;
      row.clear();
    } else if (name == "c" && in_row) {
      in_cell = true;
      const char* r = xml_attribute(a, "r");
      long c = -1, rr = -1;
      if (r) parse_ref(r, c, rr);
      column = c >= 0 ? c : column + 1;
      const char* t = xml_attribute(a, "t");
      type = t ? t : "n";
      const char* s = xml_attribute(a, "s");
      style = s ? std::atoi(s) : 0;
      value.clear();
    } else if (in_cell && name == "v") {
      in_value = true;
    } else if (in_cell && name == "is") {
      in_inline = true;
    } else if (in_inline && name == "rPh") {
      ++phonetic;
    } else if (in_inline && name == "t" && phonetic == 0) {
      in_text = true;
    }
  }

  void text(std::string_view t) override {
    if (in_value || in_text) value.append(t);
  }

  void end(std::string_view name) override {
    if (mode == Mode::Merges) return;
    if (name == "v") {
      in_value = false;
    } else if (name == "t") {
      in_text = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "is") {
      in_inline = false;
    } else if (name == "c" && in_cell) {
      in_cell = false;
      finish_cell();
    } else if (name == "row" && in_row) {
      in_row = false;
      finish_row();
    }
  }

  void finish_cell() {
    if (column < 0 || static_cast<std::size_t>(column) >= kMaxColumns) return;
    Cell cell;
    if (type == "s") {
      char* endp = nullptr;
      const unsigned long index = std::strtoul(value.c_str(), &endp, 10);
      if (endp != value.c_str() && index < shared.size()) cell.text = shared[index];
    } else if (type == "inlineStr" || type == "str" || type == "e") {
      cell.text = unescape_excel(value);
    } else if (type == "b") {
      cell.text = value == "1" ? "TRUE" : "FALSE";
    } else if (type == "d") {
      cell.text = value;  // ISO 8601 date, read by the date parser
    } else if (!value.empty()) {
      char* endp = nullptr;
      const double number = std::strtod(value.c_str(), &endp);
      if (endp && *endp == '\0') {
        cell.numeric = true;
        cell.number = number;
        cell.date_styled = style >= 0 && static_cast<std::size_t>(style) < date_styles.size() && date_styles[style];
        const auto date = cell.date_styled ? excel_serial_date(number, date1904) : std::nullopt;
        cell.text = date ? date->iso() : format_number(number);
      } else {
        cell.text = value;
      }
    }
    if (cell.text.empty() && !cell.numeric) return;
    if (row.size() <= static_cast<std::size_t>(column)) row.resize(static_cast<std::size_t>(column) + 1);
    row[static_cast<std::size_t>(column)] = std::move(cell);
  }

  void finish_row() {
    if (mode == Mode::Probe) {
      first_rows.push_back(row);
      if (first_rows.size() >= kHeaderSearchRows) stop = true;
      return;
    }
    fill_merges();
    on_row(static_cast<int>(row_number), row);
  }

  // Merged ranges are sorted by first row; a range's value is its top-left
  // cell, copied into the empty cells it covers.
  std::size_t next_merge = 0;
  std::vector<std::size_t> active;
  void fill_merges() {
    while (next_merge < merges.size() && merges[next_merge].r1 <= row_number) active.push_back(next_merge++);
    for (auto it = active.begin(); it != active.end();) {
      Merge& m = merges[*it];
      if (m.r2 < row_number) {
        it = active.erase(it);
        continue;
      }
      if (m.r1 == row_number && static_cast<std::size_t>(m.c1) < row.size()) m.value = row[static_cast<std::size_t>(m.c1)];
      const bool has_value = !m.value.text.empty() || m.value.numeric;
      if (has_value) {
        if (row.size() <= static_cast<std::size_t>(m.c2)) row.resize(static_cast<std::size_t>(m.c2) + 1);
        for (long c = m.c1; c <= m.c2; ++c) {
          Cell& cell = row[static_cast<std::size_t>(c)];
          if (cell.text.empty() && !cell.numeric) cell = m.value;
        }
      }
      ++it;
    }
  }
};

// Resolves a relationship target against xl/.
std::string member_path(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string t = target;
  std::string base = "xl";
  while (t.rfind("../", 0) == 0) {
    t.erase(0, 3);
    base.clear();
  }
  return base.empty() ? t : base + "/" + t;
}

}  // namespace

void read_xlsx(const std::filesystem::path& file, const std::vector<ColumnProfile>& profile, ImportReport& report) {
  report.format = "xlsx";
  ZipArchive zip(file);
  if (!zip.has("xl/workbook.xml"))
    throw ImportError(file, "不是 Excel 工作簿：压缩包里没有 xl/workbook.xml (not an .xlsx workbook: xl/workbook.xml missing)");

  WorkbookHandler workbook;
  zip.parse("xl/workbook.xml", workbook);
  RelsHandler rels;
  if (zip.has("xl/_rels/workbook.xml.rels")) zip.parse("xl/_rels/workbook.xml.rels", rels);
  std::vector<SheetEntry> sheets;
  for (SheetEntry s : workbook.sheets) {
    if (const auto it = rels.targets.find(s.rel); it != rels.targets.end()) s.member = member_path(it->second);
    if (!s.member.empty() && zip.has(s.member)) sheets.push_back(s);
  }
  if (sheets.empty()) {  // no usable relationships: take the conventional name
    if (zip.has("xl/worksheets/sheet1.xml")) sheets.push_back({"Sheet1", "", "xl/worksheets/sheet1.xml"});
    else throw ImportError(file, "工作簿里没有工作表 (the workbook has no worksheet)");
  }

  SharedStringsHandler shared;
  if (zip.has("xl/sharedStrings.xml")) zip.parse("xl/sharedStrings.xml", shared);
  std::vector<bool> date_styles;
  if (zip.has("xl/styles.xml")) {
    StylesHandler styles;
    zip.parse("xl/styles.xml", styles);
    date_styles = styles.date_styles();
  }

  // Which sheet: the first with the header among its first rows.
  std::vector<std::vector<Row>> probes;
  int chosen = -1;
  for (const SheetEntry& s : sheets) {
    SheetHandler probe(SheetHandler::Mode::Probe, shared.strings, date_styles, workbook.date1904);
    zip.parse(s.member, probe);
    probes.push_back(std::move(probe.first_rows));
    if (choose_profile(probes.back(), profile).index >= 0) {
      chosen = static_cast<int>(probes.size()) - 1;
      break;
    }
  }
  if (chosen < 0) chosen = choose_sheet(probes, profile);
  if (chosen < 0) throw ImportError(file, "文件为空 (empty file)");
  const SheetEntry& sheet = sheets[static_cast<std::size_t>(chosen)];
  report.sheet = sheet.name;

  SheetHandler merges(SheetHandler::Mode::Merges, shared.strings, date_styles, workbook.date1904);
  zip.parse(sheet.member, merges);
  std::sort(merges.merges.begin(), merges.merges.end(), [](const Merge& a, const Merge& b) { return a.r1 < b.r1; });

  RowProcessor rows(profile, report, workbook.date1904);
  SheetHandler reader(SheetHandler::Mode::Rows, shared.strings, date_styles, workbook.date1904);
  reader.merges = std::move(merges.merges);
  reader.on_row = [&](int number, const Row& row) { rows.add(number, row); };
  zip.parse(sheet.member, reader);
  rows.finish();
}

}  // namespace caseaudit::audit::import
