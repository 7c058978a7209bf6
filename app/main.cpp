#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tollgate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    QTextStream(stdout) << "tollgate " << QCoreApplication::applicationVersion() << '\n';
    return 0;
}
