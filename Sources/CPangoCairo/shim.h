#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H

// pango/pangocairo.h does not pull in the PDF surface API, and the private
// fontconfig configuration needs the pangofc font-map header.
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>
#include <cairo.h>
#include <cairo-pdf.h>

// Function-like macros and GObject casts do not import into Swift; these wrappers do.

/// PANGO_PIXELS: pango units to whole device units, rounded.
static inline int cpango_pixels(int units) { return PANGO_PIXELS(units); }

/// PANGO_SCALE as a value Swift can read without the macro.
static inline int cpango_scale(void) { return PANGO_SCALE; }

/// PANGO_FC_FONT_MAP(): the fontconfig view of a pango-cairo font map, or NULL when
/// the map is not fontconfig based (checked, not blindly cast).
static inline PangoFcFontMap *cpango_fc_font_map(PangoFontMap *map) {
    if (map == NULL || !PANGO_IS_FC_FONT_MAP(map)) return NULL;
    return PANGO_FC_FONT_MAP(map);
}

/// g_object_unref for any GObject pointer Swift holds as an opaque or typed pointer.
static inline void cpango_unref(void *object) {
    if (object != NULL) g_object_unref(object);
}

#endif
