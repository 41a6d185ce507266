#include "modules/autonomy/notice/notice_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>

#include "core/time/work_calendar.hpp"
#include "modules/autonomy/board/redact.hpp"
#include "modules/autonomy/disclosures/disclosures.hpp"

namespace jiceng::autonomy {

namespace {

constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;
constexpr double kQrSize = 96.0;
constexpr double kBottom = kPageHeight - kMargin - kQrSize - 16.0;  // text stops above the QR

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

const char* KindTitle(const std::string& kind) {
  if (kind == "party") return "党务公开";
  if (kind == "finance") return "财务公开";
  return "村务公开";
}

class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}
  ~Writer() { g_object_unref(layout_); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // One paragraph at x (relative to the margin) in the given width; breaks the page when full.
  void Text(const std::string& text, const char* font, double x = 0,
            double width = kPageWidth - 2 * kMargin, PangoAlignment align = PANGO_ALIGN_LEFT,
            bool advance = true) {
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout_, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, align);
    pango_layout_set_text(layout_, text.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout_, &w, &h);
    if (y_ + h > kBottom && y_ > kMargin) NewPage();
    cairo_move_to(cr_, kMargin + x, y_);
    pango_cairo_show_layout(cr_, layout_);
    last_height_ = h;
    if (advance) y_ += h;
  }
  void Space(double points) { y_ += points; }
  void Rule() {
    cairo_set_line_width(cr_, 0.8);
    cairo_move_to(cr_, kMargin, y_ + 4);
    cairo_line_to(cr_, kPageWidth - kMargin, y_ + 4);
    cairo_stroke(cr_);
    y_ += 10;
  }
  void Advance() { y_ += last_height_; }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
  double y_ = kMargin;
  int last_height_ = 0;
};

void DrawQr(cairo_t* cr, const std::string& url) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(url.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) return;
  const int n = qr->width;
  const double cell = kQrSize / (n + 8);  // a 4-module quiet zone
  const double x0 = kPageWidth - kMargin - kQrSize;
  const double y0 = kPageHeight - kMargin - kQrSize;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      if (qr->data[r * n + c] & 1)
        cairo_rectangle(cr, x0 + (c + 4) * cell, y0 + (r + 4) * cell, cell, cell);
    }
  }
  cairo_fill(cr);
  // The address in words under the code, for a phone without a scanner (typed by hand).
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* desc = pango_font_description_from_string("Noto Sans CJK SC 7");
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
  pango_layout_set_width(layout, static_cast<int>((kPageWidth - 2 * kMargin) * PANGO_SCALE));
  pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_text(layout, url.c_str(), -1);
  cairo_move_to(cr, kMargin, kPageHeight - kMargin + 2);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
}

}  // namespace

core::Result<std::string> DisclosurePdf(const Disclosure& d, const std::string& village_name,
                                        const std::string& qr_url) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&Append, &out, kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return core::DomainError::Internal("autonomy.pdf.failed", "生成公开栏 PDF 失败");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d.title.c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  {
    Writer w(cr);
    const double full = kPageWidth - 2 * kMargin;
    w.Text(RedactNumbers(d.title), "Noto Sans CJK SC Bold 20", 0, full, PANGO_ALIGN_CENTER);
    w.Space(6);
    std::string sub = village_name + " · " + KindTitle(d.kind);
    if (!d.period.empty()) sub += " · 公开期间 " + d.period;
    w.Text(sub, "Noto Sans CJK SC 11", 0, full, PANGO_ALIGN_CENTER);
    w.Rule();
    w.Space(4);
    if (!d.body.empty()) {
      w.Text(RedactNumbers(d.body), "Noto Serif CJK SC 13");
      w.Space(10);
    }
    if (d.kind == "finance") {
      const double label_w = full * 0.55, kind_w = full * 0.15, amount_w = full * 0.30;
      w.Text("项目", "Noto Sans CJK SC Bold 12", 0, label_w, PANGO_ALIGN_LEFT, false);
      w.Text("收支", "Noto Sans CJK SC Bold 12", label_w, kind_w, PANGO_ALIGN_LEFT, false);
      w.Text("金额（元）", "Noto Sans CJK SC Bold 12", label_w + kind_w, amount_w,
             PANGO_ALIGN_RIGHT, true);
      w.Rule();
      for (const auto& l : d.lines) {
        w.Text(RedactNumbers(l.label), "Noto Serif CJK SC 12", 0, label_w, PANGO_ALIGN_LEFT, false);
        w.Text(l.kind == "income" ? "收入" : "支出", "Noto Serif CJK SC 12", label_w, kind_w,
               PANGO_ALIGN_LEFT, false);
        w.Text(Yuan(l.amount), "Noto Sans CJK SC 12", label_w + kind_w, amount_w, PANGO_ALIGN_RIGHT,
               true);
        w.Space(3);
      }
      w.Rule();
      std::int64_t in = d.total_income.value_or(0), ex = d.total_expense.value_or(0);
      w.Text("收入合计 " + Yuan(in) + " 元", "Noto Sans CJK SC Bold 13");
      w.Text("支出合计 " + Yuan(ex) + " 元", "Noto Sans CJK SC Bold 13");
      w.Text("本期结余 " + Yuan(in - ex) + " 元", "Noto Sans CJK SC Bold 13");
      w.Space(8);
      w.Text("本公开已经村务监督委员会审核。", "Noto Serif CJK SC 11");
    }
    w.Space(12);
    std::string when =
        d.published_at ? core::time::LocalDate(*d.published_at) : std::string("（尚未公开）");
    w.Text("公开日期：" + when + "　　如有疑问，请向村务监督委员会反映。", "Noto Serif CJK SC 11");
    w.Text("扫码查看本村公开栏", "Noto Sans CJK SC 9", 0, full - kQrSize - 8, PANGO_ALIGN_LEFT,
           false);
  }
  DrawQr(cr, qr_url);
  cairo_show_page(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || out.empty())
    return core::DomainError::Internal("autonomy.pdf.failed", "生成公开栏 PDF 失败");
  return out;
}

}  // namespace jiceng::autonomy
