#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

// Status colours derived from the palette in use, so a dark theme gets tones
// that read on its dark background instead of glaring light-theme ones.
namespace ThemeTone {

enum class Tone { Success, Warning, Error };

// WCAG contrast ratio between two colours (1 … 21).
double contrast(const QColor &a, const QColor &b);
// The tone, lightened or darkened until it reads (≥ 4.5:1) on the palette's window colour.
QColor foreground(Tone tone, const QPalette &palette);
// A quiet fill for highlighted values: the tone blended into the palette's base colour.
QColor background(Tone tone, const QPalette &palette);
// "color: …;" for a label in the tone.
QString labelStyle(Tone tone, const QPalette &palette);

} // namespace ThemeTone
