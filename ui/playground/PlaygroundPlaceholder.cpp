#include "ui/playground/PlaygroundPlaceholder.h"

#include <QLabel>
#include <QVBoxLayout>

PlaygroundPlaceholder::PlaygroundPlaceholder(QWidget *parent)
    : QWidget(parent)
{
    auto *label = new QLabel(tr("The Playground will send one prompt to several models side by side."), this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
}
