#include "core/providers/MockModel.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sse(const QJsonObject &o, const char *eventName = nullptr)
{
    QByteArray out;
    if (eventName)
        out += QByteArray("event: ") + eventName + '\n';
    out += "data: " + compact(o) + "\n\n";
    return out;
}

qint64 tokensOf(const QString &text)
{
    // Roughly four characters a token, as the OpenAI tokenizers average on English.
    return qMax<qint64>(1, (text.size() + 3) / 4);
}

QString textOf(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QString out;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue &part : parts)
        out += part.toObject().value(QLatin1String("text")).toString();
    return out;
}

// The last user turn, and all text sent, from chat-, messages- or responses-shaped input.
void readPrompt(const QJsonObject &request, QString *lastUser, QString *allText)
{
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (const QJsonValue &m : messages) {
        const QJsonObject msg = m.toObject();
        const QString text = textOf(msg.value(QLatin1String("content")));
        *allText += text + QLatin1Char('\n');
        if (msg.value(QLatin1String("role")).toString() == QLatin1String("user"))
            *lastUser = text;
    }
    *allText += textOf(request.value(QLatin1String("system")));
    const QJsonValue prompt = request.value(QLatin1String("prompt"));
    if (prompt.isString()) {
        *lastUser = prompt.toString();
        *allText += *lastUser;
    }
    const QJsonValue input = request.value(QLatin1String("input"));
    if (input.isString()) {
        *lastUser = input.toString();
        *allText += *lastUser;
    } else if (input.isArray()) {
        const QJsonArray items = input.toArray();
        for (const QJsonValue &item : items) {
            const QString text =
                item.isString() ? item.toString() : textOf(item.toObject().value(QLatin1String("content")));
            *lastUser = text;
            *allText += text + QLatin1Char('\n');
        }
    }
}

QStringList pieces(const QString &text)
{
    QStringList out;
    QString current;
    for (const QChar c : text) {
        current += c;
        if (c == QLatin1Char(' ')) {
            out.append(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

QJsonObject openAiUsage(qint64 prompt, qint64 completion)
{
    return QJsonObject{{QStringLiteral("prompt_tokens"), prompt},
                       {QStringLiteral("completion_tokens"), completion},
                       {QStringLiteral("total_tokens"), prompt + completion}};
}

QString idFor(const char *prefix, const QString &seed)
{
    const QByteArray h = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1).toHex().left(24);
    return QLatin1String(prefix) + QString::fromLatin1(h);
}

} // namespace

QStringList MockModel::modelIds()
{
    return {QStringLiteral("demo-chat"), QStringLiteral("demo-embed")};
}

QString MockModel::replyTextFor(const QString &prompt)
{
    QString p = prompt.simplified();
    if (p.size() > 200)
        p = p.left(200) + QStringLiteral("…");
    if (p.isEmpty())
        return QStringLiteral("Hello from the Tollgate demo model. Add a provider to talk to a real one.");
    return QStringLiteral("This is the Tollgate demo model, answering offline. You said: \"%1\". "
                          "Add a provider in the console to reach a real model.")
        .arg(p);
}

MockModel::Reply MockModel::answer(const QString &route, const QJsonObject &request)
{
    Reply reply;
    const QString model = request.value(QLatin1String("model")).toString();
    const bool stream = request.value(QLatin1String("stream")).toBool();
    QString lastUser;
    QString allText;
    readPrompt(request, &lastUser, &allText);
    const QString text = replyTextFor(lastUser);
    reply.promptTokens = tokensOf(allText);
    reply.completionTokens = tokensOf(text);
    const qint64 created = 1700000000;
    const QString id = idFor("chatcmpl-", allText);

    if (route == QLatin1String("/embeddings")) {
        QJsonArray data;
        const QJsonValue input = request.value(QLatin1String("input"));
        const QJsonArray inputs = input.isArray() ? input.toArray() : QJsonArray{input};
        for (int i = 0; i < inputs.size(); ++i) {
            const QByteArray digest =
                QCryptographicHash::hash(inputs.at(i).toString().toUtf8(), QCryptographicHash::Sha256);
            QJsonArray vector;
            for (int d = 0; d < 16; ++d)
                vector.append((static_cast<unsigned char>(digest[d]) - 127.5) / 127.5);
            data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")},
                                    {QStringLiteral("index"), i},
                                    {QStringLiteral("embedding"), vector}});
        }
        reply.completionTokens = 0;
        reply.body =
            compact({{QStringLiteral("object"), QStringLiteral("list")},
                     {QStringLiteral("data"), data},
                     {QStringLiteral("model"), model},
                     {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), reply.promptTokens},
                                                           {QStringLiteral("total_tokens"), reply.promptTokens}}}});
        return reply;
    }

    if (route == QLatin1String("/messages/count_tokens")) {
        reply.completionTokens = 0;
        reply.body = compact({{QStringLiteral("input_tokens"), reply.promptTokens}});
        return reply;
    }

    if (route == QLatin1String("/messages")) {
        const QJsonObject usageStart{{QStringLiteral("input_tokens"), reply.promptTokens},
                                     {QStringLiteral("output_tokens"), 1}};
        const QString msgId = idFor("msg_", allText);
        if (!stream) {
            reply.body = compact(
                {{QStringLiteral("id"), msgId},
                 {QStringLiteral("type"), QStringLiteral("message")},
                 {QStringLiteral("role"), QStringLiteral("assistant")},
                 {QStringLiteral("model"), model},
                 {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                    {QStringLiteral("text"), text}}}},
                 {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                 {QStringLiteral("stop_sequence"), QJsonValue::Null},
                 {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), reply.promptTokens},
                                                       {QStringLiteral("output_tokens"), reply.completionTokens}}}});
            return reply;
        }
        reply.contentType = "text/event-stream";
        reply.events.append(
            sse({{QStringLiteral("type"), QStringLiteral("message_start")},
                 {QStringLiteral("message"), QJsonObject{{QStringLiteral("id"), msgId},
                                                         {QStringLiteral("type"), QStringLiteral("message")},
                                                         {QStringLiteral("role"), QStringLiteral("assistant")},
                                                         {QStringLiteral("model"), model},
                                                         {QStringLiteral("content"), QJsonArray{}},
                                                         {QStringLiteral("stop_reason"), QJsonValue::Null},
                                                         {QStringLiteral("stop_sequence"), QJsonValue::Null},
                                                         {QStringLiteral("usage"), usageStart}}}},
                "message_start"));
        reply.events.append(
            sse({{QStringLiteral("type"), QStringLiteral("content_block_start")},
                 {QStringLiteral("index"), 0},
                 {QStringLiteral("content_block"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}}}},
                "content_block_start"));
        const QStringList parts = pieces(text);
        for (const QString &piece : parts)
            reply.events.append(
                sse({{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                     {QStringLiteral("index"), 0},
                     {QStringLiteral("delta"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")},
                                                           {QStringLiteral("text"), piece}}}},
                    "content_block_delta"));
        reply.events.append(
            sse({{QStringLiteral("type"), QStringLiteral("content_block_stop")}, {QStringLiteral("index"), 0}},
                "content_block_stop"));
        reply.events.append(
            sse({{QStringLiteral("type"), QStringLiteral("message_delta")},
                 {QStringLiteral("delta"), QJsonObject{{QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                                                       {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
                 {QStringLiteral("usage"), QJsonObject{{QStringLiteral("output_tokens"), reply.completionTokens}}}},
                "message_delta"));
        reply.events.append(sse({{QStringLiteral("type"), QStringLiteral("message_stop")}}, "message_stop"));
        return reply;
    }

    if (route == QLatin1String("/responses")) {
        const QJsonObject response{
            {QStringLiteral("id"), idFor("resp_", allText)},
            {QStringLiteral("object"), QStringLiteral("response")},
            {QStringLiteral("created_at"), created},
            {QStringLiteral("status"), QStringLiteral("completed")},
            {QStringLiteral("model"), model},
            {QStringLiteral("output"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                    {QStringLiteral("id"), idFor("msg_", allText)},
                                    {QStringLiteral("status"), QStringLiteral("completed")},
                                    {QStringLiteral("role"), QStringLiteral("assistant")},
                                    {QStringLiteral("content"),
                                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                                                            {QStringLiteral("text"), text},
                                                            {QStringLiteral("annotations"), QJsonArray{}}}}}}}},
            {QStringLiteral("usage"),
             QJsonObject{{QStringLiteral("input_tokens"), reply.promptTokens},
                         {QStringLiteral("output_tokens"), reply.completionTokens},
                         {QStringLiteral("total_tokens"), reply.promptTokens + reply.completionTokens}}}};
        if (!stream) {
            reply.body = compact(response);
            return reply;
        }
        reply.contentType = "text/event-stream";
        const QStringList parts = pieces(text);
        int seq = 0;
        for (const QString &piece : parts)
            reply.events.append(sse({{QStringLiteral("type"), QStringLiteral("response.output_text.delta")},
                                     {QStringLiteral("sequence_number"), seq++},
                                     {QStringLiteral("output_index"), 0},
                                     {QStringLiteral("content_index"), 0},
                                     {QStringLiteral("delta"), piece}},
                                    "response.output_text.delta"));
        reply.events.append(sse({{QStringLiteral("type"), QStringLiteral("response.completed")},
                                 {QStringLiteral("sequence_number"), seq},
                                 {QStringLiteral("response"), response}},
                                "response.completed"));
        return reply;
    }

    const bool chat = route == QLatin1String("/chat/completions");
    const QString object = chat ? QStringLiteral("chat.completion") : QStringLiteral("text_completion");
    if (!stream) {
        const QJsonObject choice = chat
                                       ? QJsonObject{{QStringLiteral("index"), 0},
                                                     {QStringLiteral("message"),
                                                      QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                  {QStringLiteral("content"), text}}},
                                                     {QStringLiteral("finish_reason"), QStringLiteral("stop")}}
                                       : QJsonObject{{QStringLiteral("index"), 0},
                                                     {QStringLiteral("text"), text},
                                                     {QStringLiteral("finish_reason"), QStringLiteral("stop")}};
        reply.body = compact({{QStringLiteral("id"), id},
                              {QStringLiteral("object"), object},
                              {QStringLiteral("created"), created},
                              {QStringLiteral("model"), model},
                              {QStringLiteral("choices"), QJsonArray{choice}},
                              {QStringLiteral("usage"), openAiUsage(reply.promptTokens, reply.completionTokens)}});
        return reply;
    }
    reply.contentType = "text/event-stream";
    const QString chunkObject = chat ? QStringLiteral("chat.completion.chunk") : QStringLiteral("text_completion");
    auto chunk = [&](const QJsonObject &choice) {
        return sse({{QStringLiteral("id"), id},
                    {QStringLiteral("object"), chunkObject},
                    {QStringLiteral("created"), created},
                    {QStringLiteral("model"), model},
                    {QStringLiteral("choices"), QJsonArray{choice}}});
    };
    if (chat)
        reply.events.append(
            chunk({{QStringLiteral("index"), 0},
                   {QStringLiteral("delta"), QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                         {QStringLiteral("content"), QString()}}},
                   {QStringLiteral("finish_reason"), QJsonValue::Null}}));
    const QStringList parts = pieces(text);
    for (const QString &piece : parts) {
        reply.events.append(chat ? chunk({{QStringLiteral("index"), 0},
                                          {QStringLiteral("delta"), QJsonObject{{QStringLiteral("content"), piece}}},
                                          {QStringLiteral("finish_reason"), QJsonValue::Null}})
                                 : chunk({{QStringLiteral("index"), 0},
                                          {QStringLiteral("text"), piece},
                                          {QStringLiteral("finish_reason"), QJsonValue::Null}}));
    }
    reply.events.append(chat ? chunk({{QStringLiteral("index"), 0},
                                      {QStringLiteral("delta"), QJsonObject{}},
                                      {QStringLiteral("finish_reason"), QStringLiteral("stop")}})
                             : chunk({{QStringLiteral("index"), 0},
                                      {QStringLiteral("text"), QString()},
                                      {QStringLiteral("finish_reason"), QStringLiteral("stop")}}));
    reply.events.append(sse({{QStringLiteral("id"), id},
                             {QStringLiteral("object"), chunkObject},
                             {QStringLiteral("created"), created},
                             {QStringLiteral("model"), model},
                             {QStringLiteral("choices"), QJsonArray{}},
                             {QStringLiteral("usage"), openAiUsage(reply.promptTokens, reply.completionTokens)}}));
    reply.events.append(QByteArrayLiteral("data: [DONE]\n\n"));
    return reply;
}
