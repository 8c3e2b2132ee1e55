// Zip members parsed as XML streams (see xml_zip.h).
#include "import/xml_zip.h"

#include <expat.h>
#include <zip.h>

#include <cstring>
#include <memory>
#include <vector>

#include "caseaudit/audit/table_import.h"

namespace caseaudit::audit::import {

namespace {

std::string_view local_name(const char* name) {
  const char* bar = std::strrchr(name, '|');
  return bar ? std::string_view(bar + 1) : std::string_view(name);
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* h = static_cast<XmlHandler*>(data);
  if (!h->stop) h->start(local_name(name), attributes);
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto* h = static_cast<XmlHandler*>(data);
  if (!h->stop) h->end(local_name(name));
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  auto* h = static_cast<XmlHandler*>(data);
  if (!h->stop) h->text(std::string_view(text, static_cast<std::size_t>(length)));
}

struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

const char* xml_attribute(const char** attributes, std::string_view local, bool namespaced) {
  for (const char** a = attributes; a && *a; a += 2) {
    const char* bar = std::strrchr(*a, '|');
    if (namespaced != (bar != nullptr)) continue;
    if (local_name(*a) == local) return a[1];
  }
  return nullptr;
}

ZipArchive::ZipArchive(const std::filesystem::path& file) : file_(file) {
  int error = 0;
  archive_ = zip_open(file.c_str(), ZIP_RDONLY, &error);
  if (!archive_) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    const std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw ImportError(file, "不是有效的 .xlsx 文件，无法解压 (not a valid .xlsx: " + why + ")");
  }
}

ZipArchive::~ZipArchive() {
  if (archive_) zip_discard(archive_);
}

bool ZipArchive::has(const std::string& member) const {
  return zip_name_locate(archive_, member.c_str(), ZIP_FL_NOCASE) >= 0;
}

void ZipArchive::parse(const std::string& member, XmlHandler& handler) const {
  const zip_int64_t index = zip_name_locate(archive_, member.c_str(), ZIP_FL_NOCASE);
  if (index < 0) throw ImportError(file_, "不是有效的 .xlsx 文件：缺少 " + member + " (not a valid .xlsx: " + member + " missing)");
  std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0));
  if (!f)
    throw ImportError(file_, "无法读取 " + member + " (cannot read " + member + ": " + zip_strerror(archive_) + ")");
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, '|'));
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  std::vector<char> buffer(1 << 16);
  long long inflated = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(f.get(), buffer.data(), buffer.size());
    if (n < 0)
      throw ImportError(file_, member + " 已损坏 (" + member + " is damaged: " + zip_file_strerror(f.get()) + ")");
    inflated += n;
    if (inflated > kMaxXmlMemberBytes) {
      const std::string mb = std::to_string(kMaxXmlMemberBytes >> 20);
      throw ImportError(file_, member + " 解压后超过 " + mb + " MB，不像平台导出，已拒绝 (" + member + " inflates past " + mb +
                                   " MB: refused as a zip bomb, not an export)");
    }
    const bool last = n == 0;
    if (XML_Parse(parser.get(), buffer.data(), static_cast<int>(n), last) == XML_STATUS_ERROR) {
      if (!handler.refused.empty()) throw ImportError(file_, member + ": " + handler.refused);
      if (handler.stop) return;
      throw ImportError(file_, member + " 第" + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                                   "行 XML 错误 (XML error: " + XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
    }
    if (!handler.refused.empty()) throw ImportError(file_, member + ": " + handler.refused);
    if (handler.stop) {
      XML_StopParser(parser.get(), XML_FALSE);
      return;
    }
    if (last) return;
  }
}

}  // namespace caseaudit::audit::import
