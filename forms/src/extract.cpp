// A case file's pages -> documents with types, deviations and fields.
#include "caseaudit/forms/extract.h"

#include "case_consensus.h"
#include "classify.h"
#include "field_gaps.h"
#include "fields.h"

namespace caseaudit::forms {

namespace {

void check_template(Document& d, const Template& t, const DocView& v, bool nonstandard_title) {
  if (nonstandard_title)
    d.deviations.push_back({"title", "标题为《" + d.title + "》，不是标准文书《" + t.type + "》（自行设计的文书）"
                                     " / title is not the standard \"" + t.type + "\""});
  icu::UnicodeString text = v.all.flow();
  text.append(u'\n').append(cells_text(v));
  // An optional section (抄送, whose absence a rule reports) is listed among
  // the deviations of a document that is already not the standard one.
  for (const Marker* m : missing_markers(t, text))
    if (m->required || nonstandard_title)
      d.deviations.push_back({"missing_section", "缺少《" + t.type + "》应有的「" + m->name + "」部分 / missing section: " + m->name});
  d.standard = d.deviations.empty();
}

}  // namespace

const ExtractedField* Document::field(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const FieldGap* Document::gap(const std::string& name) const {
  for (const auto& g : gaps)
    if (g.name == name) return &g;
  return nullptr;
}

CaseExtraction extract_case(const std::string& name, const std::vector<ocr::PageResult>& pages,
                            const TemplateSet& templates) {
  CaseExtraction out;
  out.name = name;
  for (const auto& p : pages)
    out.pages.push_back({p.ref.label(), p.ref.file.string(), p.ref.index, p.width, p.height, p.mean_confidence(), p.colour_mode,
                         static_cast<int>(p.seals.size())});
  for (const DocumentPlan& plan : split_documents(pages, templates)) {
    Document d;
    d.pages = plan.pages;
    d.confidence = plan.confidence;
    d.title = plan.title;
    if (plan.blank) {
      d.type = "空白页", d.slug = "blank";
      out.documents.push_back(std::move(d));
      continue;
    }
    if (!plan.tmpl) {
      out.documents.push_back(std::move(d));
      continue;
    }
    const Template& t = *plan.tmpl;
    d.type = t.type, d.slug = t.slug;
    const DocView view = make_view(&t, pages, plan.pages);
    // A title read well and the template's sections present: sure. No title
    // (known by its sections alone): at most 0.6.
    const double sections = marker_fraction(t, view.all.flow());
    d.confidence = plan.title_score > 0 ? plan.title_score * (0.7 + 0.3 * sections) : 0.6 * sections;
    if (!t.furniture) check_template(d, t, view, plan.nonstandard_title);
    for (const FieldSpec& spec : t.fields) {
      if (auto f = extract_field(spec, view)) {
        if (spec.type != FieldType::Seal && spec.type != FieldType::Rows) mark_certainty(*f);
        d.fields.push_back(std::move(*f));
      } else if (spec.required) {
        d.missing_fields.push_back(spec.name);
        d.gaps.push_back(classify_gap(spec, view));
      }
    }
    out.documents.push_back(std::move(d));
  }
  reconcile_case_fields(out);
  return out;
}

}  // namespace caseaudit::forms
