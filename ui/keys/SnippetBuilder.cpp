#include "ui/keys/SnippetBuilder.h"

#include "core/playground/PlaygroundEndpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace {

QString jsonString(const QString &s)
{
    // QJsonValue quoting gives a valid string literal for JSON, Python and JS alike.
    const QByteArray doc = QJsonDocument(QJsonArray{QJsonValue(s)}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(doc.mid(1, doc.size() - 2));
}

bool isEmbedding(const QString &category)
{
    return category == QLatin1String("embedding");
}

} // namespace

QString SnippetBuilder::gatewayBaseUrl(const QString &listenAddress)
{
    return PlaygroundEndpoint::baseUrlFor(listenAddress) + QStringLiteral("/v1");
}

QString SnippetBuilder::curl(const QString &baseUrl, const QString &model, const QString &category)
{
    // The body sits in single quotes for the shell.
    QString quoted = jsonString(model);
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    if (isEmbedding(category)) {
        return QStringLiteral("curl %1/embeddings \\\n"
                              "  -H \"Authorization: Bearer $TOLLGATE_KEY\" \\\n"
                              "  -H \"Content-Type: application/json\" \\\n"
                              "  -d '{\"model\": %2, \"input\": \"Hello from Tollgate\"}'\n")
            .arg(baseUrl, quoted);
    }
    return QStringLiteral("curl %1/chat/completions \\\n"
                          "  -H \"Authorization: Bearer $TOLLGATE_KEY\" \\\n"
                          "  -H \"Content-Type: application/json\" \\\n"
                          "  -d '{\"model\": %2, \"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}]}'\n")
        .arg(baseUrl, quoted);
}

QString SnippetBuilder::python(const QString &baseUrl, const QString &model, const QString &category)
{
    QString out = QStringLiteral("import os\n"
                                 "from openai import OpenAI\n\n"
                                 "client = OpenAI(base_url=%1, api_key=os.environ[\"TOLLGATE_KEY\"])\n")
                      .arg(jsonString(baseUrl));
    if (isEmbedding(category)) {
        out += QStringLiteral("result = client.embeddings.create(model=%1, input=\"Hello from Tollgate\")\n"
                              "print(len(result.data[0].embedding))\n")
                   .arg(jsonString(model));
    } else {
        out += QStringLiteral("reply = client.chat.completions.create(\n"
                              "    model=%1,\n"
                              "    messages=[{\"role\": \"user\", \"content\": \"Hello!\"}],\n"
                              ")\n"
                              "print(reply.choices[0].message.content)\n")
                   .arg(jsonString(model));
    }
    return out;
}

QString SnippetBuilder::javascript(const QString &baseUrl, const QString &model, const QString &category)
{
    QString out = QStringLiteral("import OpenAI from \"openai\";\n\n"
                                 "const client = new OpenAI({ baseURL: %1, apiKey: process.env.TOLLGATE_KEY });\n")
                      .arg(jsonString(baseUrl));
    if (isEmbedding(category)) {
        out += QStringLiteral(
                   "const result = await client.embeddings.create({ model: %1, input: \"Hello from Tollgate\" });\n"
                   "console.log(result.data[0].embedding.length);\n")
                   .arg(jsonString(model));
    } else {
        out += QStringLiteral("const reply = await client.chat.completions.create({\n"
                              "  model: %1,\n"
                              "  messages: [{ role: \"user\", content: \"Hello!\" }],\n"
                              "});\n"
                              "console.log(reply.choices[0].message.content);\n")
                   .arg(jsonString(model));
    }
    return out;
}
