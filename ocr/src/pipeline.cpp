// The OCR job. Stages are plain functions (load_raster -> prepare_page, which
// also finds ruled tables -> engine.recognize -> map to original coordinates;
// a PDF page with a text layer it can trust skips recognition);
// this file only chains them per page and runs pages over a pool of workers,
// one engine each. Results and failures come back to the calling thread, which
// reports progress, so the callback never runs concurrently with itself.
#include "caseaudit/ocr/pipeline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "cache.h"
#include "engine.h"
#include "pdf_render.h"
#include "quiet_libraries.h"
#include "raster.h"
#include "text_layer.h"

namespace caseaudit::ocr {
namespace fs = std::filesystem;

fs::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "caseaudit" / "ocr";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "caseaudit" / "ocr";
  return {};
}

namespace {

struct Task {
  std::size_t case_index = 0;
  std::size_t page_index = 0;
  const PageSource* source = nullptr;
};

struct Outcome {
  std::size_t task = 0;
  std::optional<PageResult> result;
  std::optional<InputError> error;
};

InputError page_error(const PageSource& src, std::string reason) {
  return {src.ref.file, src.ref.count > 1 ? src.ref.index : -1, std::move(reason)};
}

void map_boxes_to_original(std::vector<Line>& lines, const PreparedPage& page, cv::Size original) {
  auto map = [&](Box& b) { b = to_original_box(page, cv::Rect(b.x, b.y, b.w, b.h), original); };
  for (Line& line : lines) {
    map(line.box);
    for (Word& w : line.words) map(w.box);
  }
}

// Table and cell boxes: the bounding box of the corners mapped back, so on a
// skewed page a cell's box is that of the skewed cell.
std::vector<Table> map_tables_to_original(const PreparedPage& page, cv::Size original) {
  std::vector<Table> tables;
  for (const cleanup::TableGrid& grid : page.tables) {
    Table t;
    t.box = to_original_box(page, grid.corners, original);
    t.rows = grid.rows;
    t.cols = grid.cols;
    for (const cleanup::GridCell& c : grid.cells)
      t.cells.push_back({c.row, c.col, c.rowspan, c.colspan, to_original_box(page, c.corners, original)});
    tables.push_back(std::move(t));
  }
  return tables;
}

PageResult page_result(const PageSource& src, const std::string& key, const Raster& raster, const PreparedPage& prepared,
                       const std::string& engine) {
  PageResult r;
  r.ref = src.ref;
  r.key = key;
  r.width = raster.image.cols;
  r.height = raster.image.rows;
  r.dpi = raster.dpi;
  r.colour_mode = prepared.colour_mode;
  r.orientation = prepared.orientation;
  r.skew = prepared.skew;
  r.engine = engine;
  r.seals = prepared.seals;
  r.tables = map_tables_to_original(prepared, raster.image.size());
  return r;
}

// What the engine reads in `box` of the page, on its own.
std::string read_back(const PreparedPage& page, const Box& box, OcrEngine& engine, int dpi) {
  const int pad = std::max(4, box.h / 2);
  const cv::Rect r = cv::Rect(box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad) & cv::Rect(0, 0, page.grey.cols, page.grey.rows);
  if (r.empty()) return "";
  CleanupOptions none;
  none.orientation = none.deskew = none.borders = none.seals = none.denoise = false;
  const PreparedPage strip = prepare_page(page.grey(r).clone(), none, {}, dpi);
  std::string text;
  for (const Line& line : engine.recognize(strip)) text += line.text;
  return text;
}

// The page from its PDF text layer, or nothing when that layer cannot be
// trusted (text_layer.h): then the page is read like a scan.
std::optional<PageResult> from_text_layer(const PageSource& src, const OcrOptions& options, OcrEngine& engine,
                                          const std::string& key, const Raster& raster) {
  int turned = 0;
  std::vector<Line> lines = text_layer_lines(pdf_text_runs(src.ref.file, src.ref.index, raster.dpi, &turned));
  if (!text_layer_doubt(lines, turned).empty()) return std::nullopt;
  CleanupOptions upright = options.cleanup;
  upright.orientation = upright.deskew = false;  // a page drawn upright, never skewed
  const PreparedPage prepared = prepare_page(raster.image, upright, {}, raster.dpi);
  // More than a couple of character-sized marks the layer does not hold:
  // text drawn as an image or as outlines.
  if (print_outside_text(prepared.image, lines, prepared.seals) > 2) return std::nullopt;
  for (const std::size_t i : checked_lines(lines, 3))
    if (text_disagreement(lines[i].text, read_back(prepared, lines[i].box, engine, raster.dpi)) > 0.25)
      return std::nullopt;
  PageResult r = page_result(src, key, raster, prepared, "pdf-text-layer, checked with " + engine.id());
  r.lines = std::move(lines);
  return r;
}

PageResult recognise_page(const PageSource& src, const OcrOptions& options, OcrEngine& engine,
                          const OrientationDetector& orientation, const std::string& key) {
  const Raster raster = load_raster(src, options.limits);
  if (src.kind == SourceKind::PdfRendered && options.text_layer)
    if (std::optional<PageResult> r = from_text_layer(src, options, engine, key, raster)) return std::move(*r);
  const PreparedPage prepared = prepare_page(raster.image, options.cleanup, orientation, raster.dpi);
  PageResult r = page_result(src, key, raster, prepared, engine.id());
  r.lines = engine.recognize(prepared);
  map_boxes_to_original(r.lines, prepared, raster.image.size());
  return r;
}

Outcome run_task(std::size_t index, const Task& task, const OcrOptions& options, OcrEngine& engine,
                 const OrientationDetector& orientation, const OcrCache& cache) {
  Outcome out;
  out.task = index;
  const PageSource& src = *task.source;
  try {
    out.result = recognise_page(src, options, engine, orientation, cache.key(src));
    cache.store(src, *out.result);
  } catch (const InputFailure& e) {
    out.error = page_error(src, e.what());
  } catch (const std::bad_alloc&) {
    out.error = page_error(src, "内存不足 (out of memory while processing this page)");
  } catch (const std::exception& e) {
    out.error = page_error(src, std::string("处理失败 (processing failed): ") + e.what());
  }
  return out;
}

int worker_count(const OcrOptions& options, std::size_t pending) {
  int n = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  n = std::max(n, 1);
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(n), pending));
}

}  // namespace

OcrRun run_ocr(const InputSet& inputs, const OcrOptions& requested, const ProgressFn& progress) {
  quiet_libraries();
  OcrOptions options = requested;
  options.engine = resolve_engine_name(requested);
  const bool replay = options.engine == "replay";
  const OcrCache cache(replay ? fs::path() : options.cache_dir, settings_hash(engine_id(options) + (options.text_layer ? "" : "|no-text-layer"), options.cleanup));

  std::vector<Task> tasks;
  std::vector<std::vector<std::optional<PageResult>>> results(inputs.cases.size());
  for (std::size_t c = 0; c < inputs.cases.size(); ++c) {
    results[c].resize(inputs.cases[c].pages.size());
    for (std::size_t p = 0; p < inputs.cases[c].pages.size(); ++p) tasks.push_back({c, p, &inputs.cases[c].pages[p]});
  }

  OcrRun run;
  run.engine = options.engine;
  run.errors = inputs.errors;
  Progress state{0, tasks.size(), {}};
  std::vector<std::optional<InputError>> page_errors(tasks.size());
  auto finish = [&](Outcome&& o) {
    const Task& t = tasks[o.task];
    if (o.result) {
      results[t.case_index][t.page_index] = std::move(o.result);
      ++run.pages_done;
    } else if (o.error) {
      page_errors[o.task] = std::move(o.error);
    }
    ++state.done;
    state.current = t.source->ref.label();
    if (progress) progress(state);
  };

  // Pages already read (cache) or recorded (replay) need no engine.
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const PageSource& src = *tasks[i].source;
    std::optional<PageResult> hit = replay ? find_recorded(options.replay_dir, src) : cache.load(src);
    if (hit) {
      ++run.cache_hits;
      finish({i, std::move(hit), std::nullopt});
    } else if (replay) {
      finish({i, std::nullopt, page_error(src, "没有录制的识别结果 (no recorded OCR result for this page)")});
    } else {
      pending.push_back(i);
    }
  }

  if (!pending.empty()) {
    // Engines are made here, before any thread starts, so a missing language
    // file stops the run at once with one clear error.
    const int n = worker_count(options, pending.size());
    std::vector<std::unique_ptr<OcrEngine>> engines;
    for (int w = 0; w < n; ++w) engines.push_back(make_engine(options));

    std::atomic<std::size_t> next{0};
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Outcome> done;
    std::vector<std::jthread> workers;
    for (int w = 0; w < n; ++w) {
      workers.emplace_back([&, w] {
        OcrEngine& engine = *engines[static_cast<std::size_t>(w)];
        const OrientationDetector orientation = engine.orientation_detector();
        for (std::size_t k; (k = next.fetch_add(1)) < pending.size();) {
          Outcome o = run_task(pending[k], tasks[pending[k]], options, engine, orientation, cache);
          {
            std::lock_guard lock(mu);
            done.push_back(std::move(o));
          }
          cv.notify_one();
        }
      });
    }
    for (std::size_t received = 0; received < pending.size(); ++received) {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return !done.empty(); });
      Outcome o = std::move(done.front());
      done.pop_front();
      lock.unlock();
      finish(std::move(o));
    }
  }

  for (std::size_t i = 0; i < tasks.size(); ++i)
    if (page_errors[i]) run.errors.push_back(std::move(*page_errors[i]));
  for (std::size_t c = 0; c < inputs.cases.size(); ++c) {
    CaseResult cr{inputs.cases[c], {}};
    for (auto& r : results[c])
      if (r) cr.pages.push_back(std::move(*r));
    run.cases.push_back(std::move(cr));
  }
  return run;
}

}  // namespace caseaudit::ocr
