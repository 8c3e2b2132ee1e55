// JSON form of an extraction, schema caseaudit.extract/1 (docs/extract-schema.md).
#include "caseaudit/forms/extract.h"

#include <stdexcept>

namespace caseaudit::forms {

namespace {

nlohmann::json box_json(const ocr::Box& b) { return nlohmann::json::array({b.x, b.y, b.w, b.h}); }

ocr::Box box_from(const nlohmann::json& j) {
  if (!j.is_array() || j.size() != 4) throw std::runtime_error("box must be [x, y, w, h]");
  return {j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

template <typename T>
T member(const nlohmann::json& j, const char* key, const char* where) {
  if (!j.contains(key)) throw std::runtime_error(std::string(where) + ": missing member \"" + key + "\"");
  try {
    return j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(std::string(where) + ": member \"" + key + "\" has the wrong type");
  }
}

}  // namespace

nlohmann::json to_json(const CaseExtraction& c) {
  nlohmann::json j;
  j["schema"] = kExtractSchema;
  j["case"] = c.name;
  j["pages"] = nlohmann::json::array();
  for (const PageInfo& p : c.pages)
    j["pages"].push_back({{"label", p.label}, {"file", p.file}, {"index", p.index}, {"width", p.width},
                          {"height", p.height}, {"confidence", p.confidence}, {"colour_mode", p.colour_mode}, {"seals", p.seals}});
  j["documents"] = nlohmann::json::array();
  for (const Document& d : c.documents) {
    nlohmann::json jd;
    jd["type"] = d.type;
    jd["slug"] = d.slug;
    jd["confidence"] = d.confidence;
    jd["title"] = d.title;
    jd["standard"] = d.standard;
    jd["deviations"] = nlohmann::json::array();
    for (const Deviation& v : d.deviations) jd["deviations"].push_back({{"code", v.code}, {"message", v.message}});
    jd["pages"] = d.pages;
    jd["fields"] = nlohmann::json::array();
    for (const ExtractedField& f : d.fields) {
      nlohmann::json jf{{"name", f.name}, {"type", f.type}, {"raw", f.raw}, {"value", f.value},
                        {"parsed", f.parsed}, {"confidence", f.confidence}};
      if (!f.problem.empty()) jf["problem"] = f.problem;
      jf["certain"] = f.certain;
      if (!f.corrected_from.empty()) jf["corrected_from"] = f.corrected_from;
      jf["where"] = nlohmann::json::array();
      for (const Evidence& e : f.where) jf["where"].push_back({{"page", e.page}, {"box", box_json(e.box)}});
      jd["fields"].push_back(std::move(jf));
    }
    jd["missing_fields"] = d.missing_fields;
    jd["gaps"] = nlohmann::json::array();
    for (const FieldGap& g : d.gaps) {
      nlohmann::json jg{{"name", g.name}, {"outcome", g.absent ? "absent" : "unreadable"}, {"reason", g.reason}};
      jg["where"] = nlohmann::json::array();
      for (const Evidence& e : g.where) jg["where"].push_back({{"page", e.page}, {"box", box_json(e.box)}});
      jd["gaps"].push_back(std::move(jg));
    }
    j["documents"].push_back(std::move(jd));
  }
  return j;
}

CaseExtraction extraction_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::runtime_error("extraction: not a JSON object");
  const auto schema = member<std::string>(j, "schema", "extraction");
  if (schema != kExtractSchema)
    throw std::runtime_error("extraction: schema is \"" + schema + "\", expected \"" + kExtractSchema + "\"");
  CaseExtraction c;
  c.name = member<std::string>(j, "case", "extraction");
  for (const auto& p : member<nlohmann::json>(j, "pages", "extraction"))
    c.pages.push_back({member<std::string>(p, "label", "page"), member<std::string>(p, "file", "page"),
                       member<int>(p, "index", "page"), member<int>(p, "width", "page"), member<int>(p, "height", "page"),
                       member<double>(p, "confidence", "page"), p.value("colour_mode", ""), p.value("seals", 0)});
  for (const auto& jd : member<nlohmann::json>(j, "documents", "extraction")) {
    Document d;
    d.type = member<std::string>(jd, "type", "document");
    d.slug = member<std::string>(jd, "slug", "document");
    d.confidence = member<double>(jd, "confidence", "document");
    d.title = member<std::string>(jd, "title", "document");
    d.standard = member<bool>(jd, "standard", "document");
    for (const auto& v : member<nlohmann::json>(jd, "deviations", "document"))
      d.deviations.push_back({member<std::string>(v, "code", "deviation"), member<std::string>(v, "message", "deviation")});
    d.pages = member<std::vector<int>>(jd, "pages", "document");
    for (const auto& jf : member<nlohmann::json>(jd, "fields", "document")) {
      ExtractedField f;
      f.name = member<std::string>(jf, "name", "field");
      f.type = member<std::string>(jf, "type", "field");
      f.raw = member<std::string>(jf, "raw", "field");
      f.value = jf.value("value", nlohmann::json());
      f.parsed = member<bool>(jf, "parsed", "field");
      f.confidence = member<float>(jf, "confidence", "field");
      f.problem = jf.value("problem", "");
      f.certain = jf.value("certain", true);
      f.corrected_from = jf.value("corrected_from", "");
      for (const auto& e : member<nlohmann::json>(jf, "where", "field"))
        f.where.push_back({member<int>(e, "page", "evidence"), box_from(member<nlohmann::json>(e, "box", "evidence"))});
      d.fields.push_back(std::move(f));
    }
    d.missing_fields = member<std::vector<std::string>>(jd, "missing_fields", "document");
    for (const auto& jg : jd.value("gaps", nlohmann::json::array())) {
      FieldGap g;
      g.name = member<std::string>(jg, "name", "gap");
      g.absent = member<std::string>(jg, "outcome", "gap") == "absent";
      g.reason = jg.value("reason", "");
      for (const auto& e : jg.value("where", nlohmann::json::array()))
        g.where.push_back({member<int>(e, "page", "evidence"), box_from(member<nlohmann::json>(e, "box", "evidence"))});
      d.gaps.push_back(std::move(g));
    }
    c.documents.push_back(std::move(d));
  }
  return c;
}

}  // namespace caseaudit::forms
