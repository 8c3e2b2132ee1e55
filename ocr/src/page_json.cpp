#include <stdexcept>

#include "caseaudit/ocr/json.h"
#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::ocr {
namespace {

using nlohmann::json;

json box_json(const Box& b) { return json::array({b.x, b.y, b.w, b.h}); }

Box box_from(const json& j) {
  if (!j.is_array() || j.size() != 4) throw std::runtime_error("box must be [x, y, w, h]");
  return {j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

const json& member(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end()) throw std::runtime_error(std::string("missing member \"") + name + "\"");
  return *it;
}

}  // namespace

json to_json(const PageResult& page) {
  json lines = json::array();
  for (const Line& line : page.lines) {
    json words = json::array();
    for (const Word& w : line.words)
      words.push_back({{"text", w.text}, {"box", box_json(w.box)}, {"conf", w.confidence}});
    lines.push_back({{"text", line.text}, {"box", box_json(line.box)}, {"conf", line.confidence},
                     {"words", std::move(words)}});
  }
  json tables = json::array();
  for (const Table& t : page.tables) {
    json cells = json::array();
    for (const TableCell& c : t.cells)
      cells.push_back({{"row", c.row}, {"col", c.col}, {"rowspan", c.rowspan}, {"colspan", c.colspan},
                       {"box", box_json(c.box)}});
    tables.push_back({{"box", box_json(t.box)}, {"rows", t.rows}, {"cols", t.cols}, {"cells", std::move(cells)}});
  }
  json seals = json::array();
  for (const Seal& s : page.seals)
    seals.push_back({{"box", box_json(s.box)}, {"found_by", s.found_by}, {"confidence", s.confidence},
                     {"colour_confidence", s.colour_confidence}, {"roundness", s.roundness}});
  return {
      {"schema", kPageSchema},
      {"file", readable_path(page.ref.file)},
      {"page", page.ref.index + 1},
      {"page_count", page.ref.count},
      {"key", page.key},
      {"width", page.width},
      {"height", page.height},
      {"dpi", page.dpi},
      {"colour_mode", page.colour_mode},
      {"orientation", page.orientation},
      {"skew", page.skew},
      {"engine", page.engine},
      {"seals", std::move(seals)},
      {"tables", std::move(tables)},
      {"lines", std::move(lines)},
  };
}

PageResult page_from_json(const json& j) {
  if (!j.is_object()) throw std::runtime_error("page must be a JSON object");
  if (member(j, "schema").get<std::string>() != kPageSchema)
    throw std::runtime_error("unsupported schema " + j["schema"].dump());
  PageResult p;
  p.ref.file = member(j, "file").get<std::string>();
  p.ref.index = member(j, "page").get<int>() - 1;
  p.ref.count = member(j, "page_count").get<int>();
  p.key = member(j, "key").get<std::string>();
  p.width = member(j, "width").get<int>();
  p.height = member(j, "height").get<int>();
  p.dpi = member(j, "dpi").get<int>();
  // Pages written before the colour mode was kept have none: "" (unknown).
  p.colour_mode = j.value("colour_mode", std::string());
  p.orientation = member(j, "orientation").get<int>();
  p.skew = member(j, "skew").get<double>();
  p.engine = member(j, "engine").get<std::string>();
  for (const json& s : member(j, "seals")) {
    Seal seal;
    seal.box = box_from(member(s, "box"));
    seal.colour_confidence = member(s, "colour_confidence").get<double>();
    seal.roundness = member(s, "roundness").get<double>();
    // Seals written before seals were found by shape too were all found by
    // colour, with no overall confidence: "" and 0 (unknown).
    seal.found_by = s.value("found_by", std::string());
    seal.confidence = s.value("confidence", 0.0);
    p.seals.push_back(std::move(seal));
  }
  // Pages written before tables were found have no "tables": no tables.
  if (auto it = j.find("tables"); it != j.end()) {
    for (const json& t : *it) {
      Table table{box_from(member(t, "box")), member(t, "rows").get<int>(), member(t, "cols").get<int>(), {}};
      for (const json& c : member(t, "cells"))
        table.cells.push_back({member(c, "row").get<int>(), member(c, "col").get<int>(),
                               member(c, "rowspan").get<int>(), member(c, "colspan").get<int>(),
                               box_from(member(c, "box"))});
      p.tables.push_back(std::move(table));
    }
  }
  for (const json& l : member(j, "lines")) {
    Line line{member(l, "text").get<std::string>(), box_from(member(l, "box")),
              member(l, "conf").get<float>(), {}};
    for (const json& w : member(l, "words"))
      line.words.push_back({member(w, "text").get<std::string>(), box_from(member(w, "box")),
                            member(w, "conf").get<float>()});
    p.lines.push_back(std::move(line));
  }
  return p;
}

}  // namespace caseaudit::ocr
