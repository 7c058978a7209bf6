#pragma once

#include <QWidget>

// Stands in for the Playground tab until it is built (issue: Playground).
class PlaygroundPlaceholder final : public QWidget
{
    Q_OBJECT
public:
    explicit PlaygroundPlaceholder(QWidget *parent = nullptr);
};
