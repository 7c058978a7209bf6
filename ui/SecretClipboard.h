#pragma once

#include <QString>

// Copies secrets so that clipboard managers that honour the KDE hint
// (x-kde-passwordManagerHint = secret) keep them out of their history.
class SecretClipboard final
{
public:
    static void copy(const QString &secret);
    static bool isMarkedSecret(); // the clipboard's current content carries the hint

    static const char *mimeHint() { return "x-kde-passwordManagerHint"; }
};
