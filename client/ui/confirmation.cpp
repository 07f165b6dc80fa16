#include "ui/confirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace natter {

void askToConfirm(QWidget* parent, const Confirmation& question,
                  const std::function<void()>& onConfirmed) {
    auto* box = new QMessageBox(QMessageBox::Question, question.title, question.text,
                                QMessageBox::Cancel, parent);
    box->setObjectName(question.dialogName);
    box->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    QPushButton* confirm = box->addButton(question.confirmLabel, QMessageBox::AcceptRole);
    confirm->setObjectName(question.confirmName);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::buttonClicked, box,
                     [confirm, onConfirmed](QAbstractButton* button) {
                         if (button == confirm) {
                             onConfirmed();
                         }
                     });
    box->open();
}

}  // namespace natter
