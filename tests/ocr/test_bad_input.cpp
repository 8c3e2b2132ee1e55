// Page ingest, bad inputs: every unusable file becomes one clear InputError
// naming the file (and page) with a Chinese + English reason, the rest of the
// batch still comes through, nothing crashes, blocks, allocates hugely or prints.
// All bad files are made here, in a scratch folder.
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <openssl/provider.h>
#include <podofo/podofo.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "image_loader.h"
#include "pdf_reader.h"
#include "raster.h"
#include "support/fixtures.h"
#include "support/leptonica_images.h"

namespace fs = std::filesystem;
using namespace caseaudit::ocr;
using caseaudit::test::read_file;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;
using caseaudit::test::encode_pix;
using caseaudit::test::page_pix;
using caseaudit::test::write_g4_tiff;

namespace {

// ---- good inputs to mix with the bad ones ----------------------------------

std::string jpeg_bytes(int w, int h, int dpi = 200) { return encode_pix(page_pix(w, h, 32, dpi), IFF_JFIF_JPEG); }
std::string png_bytes(int w, int h) { return encode_pix(page_pix(w, h, 8, 300), IFF_PNG); }

// ---- hand-written PDFs ------------------------------------------------------

std::string pdf_stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

// Object i+1 is objects[i]; object 1 is the catalog.
std::string pdf_file(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

// Page 1: a scanned JPEG page (200 dpi); page 2: text. `text_box` is page 2's
// MediaBox size in points.
std::string two_page_pdf(const std::string& jpeg, int w_px, int h_px, double text_box = 595) {
  const double w = w_px * 72.0 / 200, h = h_px * 72.0 / 200;
  char cm[96], box[96], text_media[96];
  std::snprintf(cm, sizeof cm, "q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q", w, h);
  std::snprintf(box, sizeof box, "[0 0 %.3f %.3f]", w, h);
  std::snprintf(text_media, sizeof text_media, "[0 0 %.1f %.1f]", text_box, text_box);
  return pdf_file({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
      std::string("<< /Type /Page /Parent 2 0 R /MediaBox ") + box +
          " /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
      pdf_stream("", cm),
      pdf_stream("/Type /XObject /Subtype /Image /Width " + std::to_string(w_px) + " /Height " +
                     std::to_string(h_px) + " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
                 jpeg),
      std::string("<< /Type /Page /Parent 2 0 R /MediaBox ") + text_media +
          " /Resources << /Font << /F1 8 0 R >> >> /Contents 7 0 R >>",
      pdf_stream("", "BT /F1 40 Tf 50 300 Td (Case file) Tj ET 50 200 400 30 re f"),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  });
}

std::string no_pages_pdf() {
  return pdf_file({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"});
}

enum class Cipher { Aes128, Rc4 };

// Encrypts with PoDoFo. OpenSSL 3 keeps RC4 in its legacy provider and PoDoFo
// needs RC4 for the password entries of RC4 and AES-128 (R3/R4) files: the
// provider is loaded just for writing and unloaded again, so the library under
// test reads the files without it, as on a user's machine. Returns false when
// the provider is unavailable.
bool write_encrypted(const fs::path& plain, const fs::path& out, const std::string& user_password,
                     Cipher cipher = Cipher::Aes128) {
  PoDoFo::PdfError::EnableDebug(false);
  PoDoFo::PdfError::EnableLogging(false);
  OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
  OSSL_PROVIDER* standard = OSSL_PROVIDER_load(nullptr, "default");
  if (!legacy) {
    if (standard) OSSL_PROVIDER_unload(standard);
    return false;
  }
  bool ok = true;
  std::string failure;
  try {
    PoDoFo::PdfMemDocument doc;
    doc.Load(plain.c_str());
    doc.SetEncrypted(user_password, "owner-secret", PoDoFo::PdfEncrypt::ePdfPermissions_Print,
                     cipher == Cipher::Rc4 ? PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_RC4V2
                                           : PoDoFo::PdfEncrypt::ePdfEncryptAlgorithm_AESV2,
                     PoDoFo::PdfEncrypt::ePdfKeyLength_128);
    doc.Write(out.c_str());
  } catch (const PoDoFo::PdfError& e) {
    ok = false;
    failure = PoDoFo::PdfError::ErrorName(e.GetError());
  }
  OSSL_PROVIDER_unload(legacy);
  if (standard) OSSL_PROVIDER_unload(standard);
  if (!ok) FAIL("PoDoFo could not write the encrypted PDF: " << failure);
  return true;
}

// Points startxref and every xref entry at the wrong offsets.
std::string break_xref(std::string pdf) {
  const std::size_t xref = pdf.rfind("\nxref\n");
  std::size_t line = pdf.find('\n', pdf.find('\n', xref + 6) + 1) + 1;  // first in-use entry
  while (line < pdf.size() && std::isdigit(static_cast<unsigned char>(pdf[line]))) {
    pdf.replace(line, 10, "0000000003");
    line += 20;
  }
  const std::size_t start = pdf.rfind("startxref\n") + 10;
  const std::size_t end = pdf.find('\n', start);
  pdf.replace(start, end - start, std::to_string(pdf.size() * 3));
  return pdf;
}

// ---- broken and oversized images -------------------------------------------

std::uint32_t crc32(const std::string& data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) {
    c ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A well-formed PNG header claiming 30000 x 30000 grey pixels.
std::string huge_png() {
  return std::string("\x89PNG\r\n\x1a\n", 8) +
         png_chunk("IHDR", be32(30000) + be32(30000) + std::string("\x08\x00\x00\x00\x00", 5)) +
         png_chunk("IDAT", std::string("\x78\x01\x01\x00\x00\xFF\xFF\x00\x00\x00\x01", 11)) + png_chunk("IEND", "");
}

// A small JPEG whose frame header says 30000 x 30000.
std::string huge_jpeg() {
  std::string j = jpeg_bytes(64, 64);
  const std::size_t sof = j.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  j[sof + 5] = j[sof + 7] = static_cast<char>(30000 >> 8);
  j[sof + 6] = j[sof + 8] = static_cast<char>(30000 & 0xFF);
  return j;
}

// A small G4 TIFF whose tags say 30000 x 30000.
std::string huge_tiff() {
  std::string t = encode_pix(page_pix(64, 64, 1, 300), IFF_TIFF_G4);
  REQUIRE(t.substr(0, 2) == "II");
  const auto le = [&](std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(t[at + static_cast<std::size_t>(i)]);
    return v;
  };
  const std::size_t ifd = le(4, 4);
  const std::uint32_t entries = le(ifd, 2);
  for (std::uint32_t i = 0; i < entries; ++i) {
    const std::size_t e = ifd + 2 + 12 * i;
    const std::uint32_t tag = le(e, 2);
    if (tag != 256 && tag != 257) continue;
    const std::uint32_t type = le(e + 2, 2);
    t[e + 8] = static_cast<char>(30000 & 0xFF);
    t[e + 9] = static_cast<char>(30000 >> 8);
    if (type == 4) t[e + 10] = t[e + 11] = 0;
  }
  return t;
}

std::string truncated_jpeg() {
  const std::string j = jpeg_bytes(400, 300);
  return j.substr(0, j.size() / 2);
}

std::string bad_crc_png() {
  std::string p = png_bytes(80, 60);
  const std::size_t idat = p.find("IDAT");
  REQUIRE(idat != std::string::npos);
  p[idat + 8] = static_cast<char>(p[idat + 8] ^ 0x5A);  // a data byte, CRC left as it was
  return p;
}

// ---- capturing stderr: the library must print nothing ------------------------

class StderrCapture {
 public:
  explicit StderrCapture(fs::path file) : file_(std::move(file)) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~StderrCapture() { restore(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  std::string finish() {
    restore();
    return read_file(file_);
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  fs::path file_;
  int saved_ = -1;
};

const InputError* error_for(const InputSet& set, const fs::path& file) {
  for (const InputError& e : set.errors) {
    if (e.file == file) return &e;
  }
  return nullptr;
}

std::string all_errors(const InputSet& set) {
  std::string out;
  for (const InputError& e : set.errors) out += e.message() + "\n";
  return out;
}

// The error for `file` exists, is one line, names the file and gives the reason.
void check_error(const InputSet& set, const fs::path& file, const std::string& reason, int page = -1) {
  INFO("file: " << file.string() << "\nerrors:\n" << all_errors(set));
  const InputError* e = error_for(set, file);
  REQUIRE(e != nullptr);
  const std::string line = e->message();
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.rfind(file.string(), 0) == 0);
  CHECK(line.find(reason) != std::string::npos);
  CHECK(e->page == page);
  // Chinese first, English in parentheses.
  const std::size_t english = e->reason.find(" (");
  REQUIRE(english != std::string::npos);
  const std::string chinese = e->reason.substr(0, english);
  CHECK(std::any_of(chinese.begin(), chinese.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  CHECK(e->reason.back() == ')');
}

}  // namespace

TEST_CASE("a folder of bad files: one clear error each, the good pages still come through", "[inputs][bad]") {
  ScratchDir dir("bad-folder");
  const fs::path f = dir / "案卷";
  fs::create_directories(f / "sub");
  write_file(f / "01-good.jpg", jpeg_bytes(100, 80));
  write_g4_tiff(f / "02-good.tif", {{120, 90}, {120, 90}}, 300);
  write_file(f / "empty.jpg", "");
  write_file(f / "truncated.jpg", truncated_jpeg());
  write_file(f / "badcrc.png", bad_crc_png());
  write_file(f / "notes.txt", "这是一个文本文件。\nnot an image\n");
  write_file(f / "report.docx", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + std::string(200, 'x'));
  write_file(f / "old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  // Thumbnail caches and folder settings are skipped without an error.
  write_file(f / "Thumbs.db", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  write_file(f / "desktop.ini", "[.ShellClassInfo]\n");
  write_file(f / "huge.jpg", huge_jpeg());
  write_file(f / "huge.png", huge_png());
  write_file(f / "huge.tif", huge_tiff());
  write_file(f / "nopages.pdf", no_pages_pdf());
  write_file(f / "junk.pdf", "%PDF-1.4\n" + std::string(300, 'z') + "\n");
  write_file(f / "plain.pdf", two_page_pdf(jpeg_bytes(90, 120), 90, 120));
  write_encrypted(f / "plain.pdf", f / "encrypted.pdf", "secret");
  fs::remove(f / "plain.pdf");
  write_file(f / "sub" / "inside.jpg", jpeg_bytes(50, 50));
  fs::create_symlink(f / "missing.jpg", f / "dangling.jpg");
  REQUIRE(::mkfifo((f / "pipe.jpg").c_str(), 0644) == 0);
  const bool root = ::geteuid() == 0;
  if (!root) {
    write_file(f / "locked.jpg", jpeg_bytes(40, 40));
    fs::permissions(f / "locked.jpg", fs::perms::none);
  }

  StderrCapture capture(dir / "stderr.txt");
  const InputSet set = enumerate_inputs({f});
  std::vector<Raster> rasters;
  REQUIRE(set.cases.size() == 1);
  for (const PageSource& p : set.cases[0].pages) rasters.push_back(load_raster(p, {}));
  const std::string printed = capture.finish();

  CHECK(printed.empty());
  INFO(all_errors(set));
  // The good pages, in order.
  REQUIRE(set.cases[0].pages.size() == 3);
  CHECK(set.cases[0].pages[0].ref.label() == "01-good.jpg");
  CHECK(set.cases[0].pages[2].ref.label() == "02-good.tif p.2/2");
  CHECK(rasters[0].image.cols == 100);
  CHECK(rasters[0].dpi == 200);
  CHECK(rasters[1].image.cols == 120);
  CHECK(rasters[2].image.rows == 90);

  check_error(set, f / "empty.jpg", "文件为空 (empty file)");
  check_error(set, f / "truncated.jpg", "(truncated JPEG");
  check_error(set, f / "badcrc.png", "bad CRC");
  check_error(set, f / "notes.txt", "(not an image or PDF: a text file)");
  check_error(set, f / "report.docx", "Office document");
  check_error(set, f / "old.doc", "Office");
  check_error(set, f / "huge.jpg", "30000 x 30000");
  check_error(set, f / "huge.png", "30000 x 30000");
  check_error(set, f / "huge.tif", "30000 x 30000");
  check_error(set, f / "nopages.pdf", "(PDF has no pages)");
  check_error(set, f / "junk.pdf", "(damaged PDF");
  check_error(set, f / "encrypted.pdf", "password");
  check_error(set, f / "dangling.jpg", "(broken symbolic link)");
  check_error(set, f / "pipe.jpg", "(not a regular file");
  std::size_t expected_errors = 14;
  if (!root) {
    check_error(set, f / "locked.jpg", "(permission denied)");
    ++expected_errors;
  }
  CHECK(set.errors.size() == expected_errors);  // nothing about sub/ or the good files
}

TEST_CASE("decoding a damaged or oversized file directly throws a reason, prints nothing", "[inputs][bad]") {
  ScratchDir dir("bad-direct");
  write_file(dir / "truncated.jpg", truncated_jpeg());
  write_file(dir / "badcrc.png", bad_crc_png());
  write_file(dir / "huge.jpg", huge_jpeg());
  write_file(dir / "huge.png", huge_png());
  write_file(dir / "huge.tif", huge_tiff());
  write_file(dir / "zero.tif", "");
  std::string twelve = jpeg_bytes(64, 64);
  twelve[twelve.find("\xFF\xC0") + 4] = 12;  // 12-bit samples: libjpeg-turbo cannot
  write_file(dir / "twelve.jpg", twelve);

  StderrCapture capture(dir / "stderr.txt");
  const auto load = [&](const std::string& name) -> std::string {
    try {
      const PageSource source{PageRef{dir / name, 0, 1}, SourceKind::Image, ""};
      load_raster(source, {});
    } catch (const InputFailure& e) {
      return e.what();
    }
    return "(loaded)";
  };
  const std::string truncated = load("truncated.jpg");
  const std::string crc = load("badcrc.png");
  const std::string big_jpeg = load("huge.jpg");
  const std::string big_png = load("huge.png");
  const std::string big_tiff = load("huge.tif");
  const std::string zero = load("zero.tif");
  const std::string missing = load("missing.jpg");
  const std::string twelve_bit = load("twelve.jpg");
  CHECK(capture.finish().empty());

  CHECK(truncated.find("JPEG 文件不完整") != std::string::npos);
  CHECK(crc.find("bad CRC in IDAT chunk") != std::string::npos);
  CHECK(big_jpeg == "图像过大：30000 x 30000 像素，超过上限 150000000 像素 (image too large: 30000 x 30000 pixels, "
                    "limit 150000000)");
  CHECK(big_png.find("30000 x 30000") != std::string::npos);
  CHECK(big_tiff.find("30000 x 30000") != std::string::npos);
  CHECK(zero == "文件为空 (empty file)");
  CHECK(missing == "文件不存在 (no such file)");
  CHECK(twelve_bit.find("(unsupported JPEG") != std::string::npos);

  // A lower limit applies to ordinary pages too.
  write_file(dir / "ok.jpg", jpeg_bytes(100, 100));
  InputLimits small;
  small.max_pixels = 5000;
  const InputSet set = enumerate_inputs({dir / "ok.jpg"}, small);
  check_error(set, dir / "ok.jpg", "100 x 100");
}

TEST_CASE("paths that do not exist and empty folders", "[inputs][bad]") {
  ScratchDir dir("bad-paths");
  fs::create_directories(dir / "empty");
  fs::create_directories(dir / "only-sub" / "nested");
  write_file(dir / "only-sub" / "nested" / "p1.jpg", jpeg_bytes(30, 30));
  fs::create_directories(dir / "only-bad");
  write_file(dir / "only-bad" / "readme.txt", "hello");
  write_file(dir / "good.png", png_bytes(40, 30));

  const InputSet set = enumerate_inputs(
      {dir / "nowhere", dir / "empty", dir / "only-sub", dir / "only-bad", dir / "good.png"});
  check_error(set, dir / "nowhere", "文件或文件夹不存在 (no such file or folder)");
  check_error(set, dir / "empty", "文件夹中没有可识别的页面 (no page images or PDFs in folder)");
  check_error(set, dir / "only-sub", "(no page images or PDFs in folder)");
  check_error(set, dir / "only-bad", "(no page images or PDFs in folder)");
  check_error(set, dir / "only-bad" / "readme.txt", "text file");
  REQUIRE(set.cases.size() == 1);
  CHECK(set.cases[0].name == "good");
  CHECK(set.page_count() == 1);

  if (::geteuid() != 0) {  // root reads anything: only testable as a normal user
    fs::create_directories(dir / "closed");
    write_file(dir / "closed" / "p1.png", png_bytes(40, 30));
    fs::permissions(dir / "closed", fs::perms::none);
    const InputSet closed = enumerate_inputs({dir / "closed"});
    fs::permissions(dir / "closed", fs::perms::owner_all);
    check_error(closed, dir / "closed", "(cannot read folder: permission denied)");
  }
}

// PoDoFo reads an encrypted file itself when its OpenSSL has the cipher (then
// scanned pages keep their JPEG streams); otherwise Poppler reads and renders it.
TEST_CASE("encrypted PDFs: a password is an error, an empty user password is read", "[inputs][bad][pdf]") {
  const auto cipher = GENERATE(Cipher::Aes128, Cipher::Rc4);
  const std::string cipher_name = cipher == Cipher::Rc4 ? "RC4" : "AES-128";
  INFO(cipher_name);
  ScratchDir dir("bad-encrypted");
  const std::string jpeg = jpeg_bytes(180, 240);
  write_file(dir / "plain.pdf", two_page_pdf(jpeg, 180, 240));
  if (!write_encrypted(dir / "plain.pdf", dir / "locked.pdf", "secret", cipher) ||
      !write_encrypted(dir / "plain.pdf", dir / "open.pdf", "", cipher)) {
    WARN("OpenSSL legacy provider missing: cannot make " << cipher_name << " PDFs, skipped");
    return;
  }

  StderrCapture capture(dir / "stderr.txt");
  const InputSet set = enumerate_inputs({dir / "locked.pdf", dir / "open.pdf"});
  check_error(set, dir / "locked.pdf", "PDF 已加密，需要密码才能打开 (encrypted PDF: a password is needed)");
  REQUIRE(set.cases.size() == 1);
  const CaseInput& open = set.cases[0];
  REQUIRE(open.pages.size() == 2);
  CHECK(open.pages[1].kind == SourceKind::PdfRendered);
  const Raster scan = load_raster(open.pages[0], {});
  const Raster text = load_raster(open.pages[1], {});
  CHECK(capture.finish().empty());
  if (open.pages[0].kind == SourceKind::PdfImage) {
    CHECK(scan.image.cols == 180);
    CHECK(scan.image.rows == 240);
    CHECK(scan.dpi == 200);
    CHECK(pdf_page_image_stream(dir / "open.pdf", 0).bytes == jpeg);  // decrypted, byte-exact
  } else {
    CHECK(scan.dpi == 300);
    CHECK(std::abs(scan.image.cols - 270) <= 1);  // 180 px at 200 dpi, rendered at 300 dpi
  }
  WARN(cipher_name << " with an empty user password: scanned page read as "
                   << (open.pages[0].kind == SourceKind::PdfImage ? "PdfImage (PoDoFo)" : "PdfRendered (Poppler)"));
  CHECK(cv::mean(text.image)[0] < 254);
}

TEST_CASE("a PDF with a broken xref is reconstructed by Poppler and rendered", "[inputs][bad][pdf]") {
  ScratchDir dir("bad-xref");
  write_file(dir / "broken.pdf", break_xref(two_page_pdf(jpeg_bytes(300, 400), 300, 400)));
  StderrCapture capture(dir / "stderr.txt");
  const InputSet set = enumerate_inputs({dir / "broken.pdf"});
  INFO(all_errors(set));
  REQUIRE(set.errors.empty());
  REQUIRE(set.page_count() == 2);
  for (const PageSource& p : set.cases[0].pages) CHECK(p.kind == SourceKind::PdfRendered);
  const Raster scan = load_raster(set.cases[0].pages[0], {});
  const Raster text = load_raster(set.cases[0].pages[1], {});
  CHECK(capture.finish().empty());
  CHECK(scan.dpi == 300);
  CHECK(std::abs(scan.image.cols - 450) <= 1);  // 300 px at 200 dpi is 1.5 in
  CHECK(std::abs(scan.image.rows - 600) <= 1);
  CHECK(cv::mean(text.image)[0] < 254);  // something was drawn
}

TEST_CASE("PDF pages over the pixel limit are refused per page", "[inputs][bad][pdf]") {
  ScratchDir dir("bad-pdf-size");
  // Page 2's MediaBox is 14400 pt square: 60000 x 60000 pixels at 300 dpi.
  write_file(dir / "huge-page.pdf", two_page_pdf(jpeg_bytes(100, 100), 100, 100, 14400));
  // An image whose dictionary claims 30000 x 30000.
  write_file(dir / "huge-image.pdf",
             pdf_file({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 7200 7200] /Resources << /XObject << /Im0 5 0 R "
                       ">> >> /Contents 4 0 R >>",
                       pdf_stream("", "q 7200 0 0 7200 0 0 cm /Im0 Do Q"),
                       pdf_stream("/Type /XObject /Subtype /Image /Width 30000 /Height 30000 /ColorSpace /DeviceGray "
                                  "/BitsPerComponent 8 /Filter /FlateDecode",
                                  "x")}));

  const InputSet set = enumerate_inputs({dir / "huge-page.pdf", dir / "huge-image.pdf"});
  check_error(set, dir / "huge-page.pdf", "60000 x 60000 pixels at 300 dpi", 1);
  check_error(set, dir / "huge-image.pdf", "30000 x 30000", 0);
  REQUIRE(set.cases.size() == 1);  // page 1 of huge-page.pdf is fine
  CHECK(set.cases[0].pages.size() == 1);
  CHECK(set.cases[0].pages[0].ref.count == 2);

  // Loading them anyway (a stale page list) is refused before rendering.
  const auto refused = [&](const fs::path& file, int page, SourceKind kind) {
    try {
      load_raster(PageSource{PageRef{file, page, 2}, kind, ""}, {});
    } catch (const InputFailure& e) {
      return std::string(e.what());
    }
    return std::string("(loaded)");
  };
  CHECK(refused(dir / "huge-page.pdf", 1, SourceKind::PdfRendered).find("60000 x 60000") != std::string::npos);
  CHECK(refused(dir / "huge-image.pdf", 0, SourceKind::PdfImage).find("30000 x 30000") != std::string::npos);
  CHECK(refused(dir / "huge-page.pdf", 5, SourceKind::PdfRendered).find("out of range") != std::string::npos);
}
