#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// HTTP header fields in the order they were given; names keep their spelling.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;
