<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AliasDialog</name>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="41"/>
        <source>Edit alias %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="41"/>
        <source>Publish a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="45"/>
        <source>e.g. fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="56"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="57"/>
        <source>Embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="58"/>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="59"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="60"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="70"/>
        <source>Active (clients may call it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="79"/>
        <source>&amp;Alias:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="80"/>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="81"/>
        <source>Upstream &amp;model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="82"/>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="83"/>
        <source>&amp;Input price (per 1M):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="84"/>
        <source>&amp;Output price (per 1M):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="85"/>
        <source>Cac&amp;hed input (per 1M):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="86"/>
        <source>&amp;Defaults (JSON):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="112"/>
        <source>Add a provider first: an alias points at a provider&apos;s model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="123"/>
        <source>%1 (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="166"/>
        <source>Choose a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="173"/>
        <source>Defaults are not valid JSON: %1 (at character %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AliasDialog.cpp" line="177"/>
        <source>Defaults must be a JSON object, e.g. {&quot;temperature&quot;: 0.2}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AliasStore</name>
    <message>
        <location filename="../core/AliasStore.cpp" line="59"/>
        <source>Alias names use letters, digits and . _ - : / (at most 128), starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/AliasStore.cpp" line="61"/>
        <source>An alias needs an upstream model id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/AliasStore.cpp" line="63"/>
        <source>Prices cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/AliasStore.cpp" line="112"/>
        <location filename="../core/AliasStore.cpp" line="132"/>
        <source>The alias &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/AliasStore.cpp" line="113"/>
        <source>The alias names a provider that does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnthropicDriver</name>
    <message>
        <location filename="../core/AnthropicDriver.cpp" line="7"/>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/AnthropicDriver.cpp" line="21"/>
        <source>Base URLs include the version path, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../app/AppContext.cpp" line="70"/>
        <source>The first start did not finish (the keychain did not answer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AppContext.cpp" line="88"/>
        <source>Tollgate created these gateway keys on its first start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AppContext.cpp" line="91"/>
        <source>Save this key, it will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AppContext.cpp" line="92"/>
        <source>Save these keys, they will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppPaths</name>
    <message>
        <location filename="../app/AppPaths.cpp" line="26"/>
        <source>Cannot create the data directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AzureDriver</name>
    <message>
        <location filename="../core/AzureDriver.cpp" line="9"/>
        <source>Azure OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/AzureDriver.cpp" line="31"/>
        <source>Azure base URLs end in /openai, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <location filename="../app/CliCommands.cpp" line="78"/>
        <source>No command given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <location filename="../app/CliCommands.cpp" line="221"/>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>MODELS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <source>LAST SYNC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <source>BASE URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="97"/>
        <location filename="../app/CliCommands.cpp" line="165"/>
        <source>ERROR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="125"/>
        <source>No provider named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="127"/>
        <source>Provider &quot;%1&quot; is disabled; enable it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="136"/>
        <source>No enabled providers to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="165"/>
        <location filename="../app/CliCommands.cpp" line="221"/>
        <source>PROVIDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="165"/>
        <source>RESULT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="165"/>
        <source>ADDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="165"/>
        <source>REMOVED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="167"/>
        <source>did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="177"/>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="177"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="185"/>
        <source>Discovery did not finish in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="221"/>
        <source>MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="221"/>
        <source>ALIAS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="221"/>
        <source>CATEGORY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="251"/>
        <source>Created gateway key &quot;%1&quot;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="253"/>
        <source>Save this key, it will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>PREFIX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>RPM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>BUDGET USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>EXPIRES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="261"/>
        <source>CREATED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="262"/>
        <source>LAST USED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="262"/>
        <source>REVOKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="278"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="279"/>
        <location filename="../app/CliCommands.cpp" line="280"/>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="293"/>
        <source>&quot;%1&quot; is the console&apos;s own key and cannot be revoked here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CliCommands.cpp" line="297"/>
        <source>Revoked key &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/CommandLine.cpp" line="13"/>
        <source>LLM gateway with a native admin console.

Commands:
  (none)                       open the console with the embedded gateway
  providers list [--json]      configured providers and their sync status
  providers sync [NAME]        run model discovery once (all enabled providers, or NAME)
  models list [--json]         discovered models and published aliases
  keys create --name N [--models a,b] [--rpm N] [--budget-usd X] [--expires ISO]
                               create a gateway key and print it once
  keys list [--json]           gateway keys (never the key itself)
  keys revoke N                revoke a key by name or id
  logs [--limit N] [--json]    request log, newest first
  usage [--since 7d] [--by model|key|provider] [--json]   requests, tokens and cost

Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="36"/>
        <source>tollgate: %1
Try &apos;tollgate --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="49"/>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="50"/>
        <source>Show the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="52"/>
        <source>Run the gateway without a window; logs go to stderr; stops on SIGINT/SIGTERM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="53"/>
        <source>Data directory (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="54"/>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="56"/>
        <source>First-run configuration (YAML); also the TOLLGATE_CONFIG environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="57"/>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="58"/>
        <source>Listen address, overriding the stored one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="59"/>
        <source>ADDR:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="60"/>
        <source>Print one JSON object per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="61"/>
        <source>keys create: the key&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="61"/>
        <location filename="../app/CommandLine.cpp" line="64"/>
        <location filename="../app/CommandLine.cpp" line="67"/>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="62"/>
        <source>keys create: allowed models (default: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="63"/>
        <source>a,b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="64"/>
        <source>keys create: requests per minute (0: unlimited).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="65"/>
        <source>keys create: spending limit in USD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="65"/>
        <source>X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="66"/>
        <source>keys create: expiry (ISO 8601).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="66"/>
        <source>ISO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="67"/>
        <source>logs: how many records (default 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="68"/>
        <source>usage: how far back, e.g. 24h, 7d, 4w (default 7d).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="69"/>
        <source>SPAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="70"/>
        <source>usage: group by model, key or provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="70"/>
        <source>GROUP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="73"/>
        <source>See Commands above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="73"/>
        <source>[command]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="91"/>
        <source>--data-dir needs a directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="97"/>
        <source>--listen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="106"/>
        <source>--%1 belongs to a command (see --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="111"/>
        <source>--headless does not combine with a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="141"/>
        <source>keys revoke needs the key&apos;s name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="151"/>
        <source>unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="154"/>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="157"/>
        <source>--%1 does not apply to &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="164"/>
        <source>--limit needs a whole number of at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="178"/>
        <source>--since needs a span such as 30m, 24h, 7d or 4w.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="185"/>
        <source>--by needs model, key or provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="192"/>
        <source>keys create needs --name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="201"/>
        <source>--rpm needs a whole number of at least 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="207"/>
        <source>--budget-usd needs a number of at least 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandLine.cpp" line="212"/>
        <source>--expires needs an ISO 8601 date such as 2026-12-31T23:59:59Z.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigImporter</name>
    <message>
        <location filename="../core/ConfigImporter.cpp" line="48"/>
        <source>%1: cannot start a database transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigImporter.cpp" line="67"/>
        <location filename="../core/ConfigImporter.cpp" line="71"/>
        <source>cannot store the setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigImporter.cpp" line="152"/>
        <source>%1: cannot commit the import.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigParser</name>
    <message>
        <location filename="../core/ConfigParser.cpp" line="133"/>
        <source>%1: cannot read the configuration file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="153"/>
        <source>(top level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="153"/>
        <source>expected a mapping with gateway, providers, models and keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="167"/>
        <source>unknown section (expected gateway, providers, models or keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="171"/>
        <source>%1:%2: invalid YAML: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="185"/>
        <source>unknown field (expected one of %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="192"/>
        <source>expected a text value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="207"/>
        <source>expected true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="219"/>
        <source>expected a number of at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="219"/>
        <source>expected a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="226"/>
        <source>expected a list, e.g. [a, b]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="243"/>
        <source>expected a mapping with listen and require_keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="263"/>
        <source>expected a list of providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="271"/>
        <source>expected a mapping with name, kind, base_url, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="284"/>
        <location filename="../core/ConfigParser.cpp" line="300"/>
        <location filename="../core/ConfigParser.cpp" line="392"/>
        <location filename="../core/ConfigParser.cpp" line="406"/>
        <location filename="../core/ConfigParser.cpp" line="416"/>
        <location filename="../core/ConfigParser.cpp" line="481"/>
        <source>missing required field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="289"/>
        <source>&quot;%1&quot; is not a valid name (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="292"/>
        <source>duplicate provider &quot;%1&quot; (first defined on line %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="305"/>
        <source>unknown kind &quot;%1&quot; (expected %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="313"/>
        <source>&quot;%1&quot; is not a URL like https://host/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="318"/>
        <source>missing required field (kind %1 has no default URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="342"/>
        <source>bad duration &quot;%1&quot; (expected e.g. 30s, 5m, 1h, 0 or plain seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="355"/>
        <source>only used by kind azure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="367"/>
        <source>expected a list of aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="380"/>
        <source>expected a mapping with alias, provider, model, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="396"/>
        <source>&quot;%1&quot; is not a valid alias name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="399"/>
        <source>duplicate alias &quot;%1&quot; (first defined on line %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="411"/>
        <source>unknown provider &quot;%1&quot; (not defined under providers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="426"/>
        <source>unknown category &quot;%1&quot; (expected %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="432"/>
        <source>expected a mapping like { input: 0.15, output: 0.60 }</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="446"/>
        <source>expected a mapping like { temperature: 0.2 }</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="461"/>
        <source>expected a list of keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="469"/>
        <source>expected a mapping with name, key, models, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="485"/>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="488"/>
        <source>duplicate key &quot;%1&quot; (first defined on line %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="499"/>
        <source>the environment variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="504"/>
        <source>a gateway key must be at least 16 characters long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="514"/>
        <source>expected a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ConfigParser.cpp" line="525"/>
        <source>&quot;%1&quot; is not an ISO 8601 date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DriverSupport</name>
    <message>
        <location filename="../core/DriverSupport.cpp" line="30"/>
        <source>Enter a full URL starting with http:// or https://, e.g. https://api.openai.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="51"/>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="100"/>
        <source>The provider answered with an empty body instead of JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="101"/>
        <source>The provider answered with an empty body instead of JSON (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="103"/>
        <source>The provider answered with something that is not JSON (%1, %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="115"/>
        <source>The provider&apos;s answer is not valid JSON (%1 at byte %2 of %3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="128"/>
        <source>The provider answered with JSON of an unexpected shape (an array, not an object): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="152"/>
        <source>The provider answered with JSON of an unexpected shape: &quot;%1&quot; is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="162"/>
        <source>The provider answered with JSON of an unexpected shape: no &quot;%1&quot; list (found: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="163"/>
        <source>an empty object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/DriverSupport.cpp" line="175"/>
        <source>The provider&apos;s model list has an entry without &quot;%1&quot; (entry %2 of %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../core/FirstRun.cpp" line="46"/>
        <source>Cannot store the first-run settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/FirstRun.cpp" line="107"/>
        <source>Cannot start a database transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/FirstRun.cpp" line="128"/>
        <source>Cannot commit the first-run data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayOptions</name>
    <message>
        <location filename="../server/GatewayOptions.cpp" line="15"/>
        <source>&quot;%1&quot; is not ADDRESS:PORT (for example 127.0.0.1:4242).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/GatewayOptions.cpp" line="24"/>
        <source>&quot;%1&quot; has no valid port (1-65535).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/GatewayOptions.cpp" line="27"/>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayWorker</name>
    <message>
        <location filename="../server/GatewayWorker.cpp" line="39"/>
        <source>Port %1 on %2 is already in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/GatewayWorker.cpp" line="40"/>
        <source>Cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeminiDriver</name>
    <message>
        <location filename="../core/GeminiDriver.cpp" line="9"/>
        <source>Google Gemini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/GeminiDriver.cpp" line="24"/>
        <source>Use the Gemini API base without /openai, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/GeminiDriver.cpp" line="26"/>
        <source>Base URLs include the version path, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/GeminiDriver.cpp" line="57"/>
        <source>The provider&apos;s model list has an entry with an empty name (entry %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuardedTcpServer</name>
    <message>
        <location filename="../server/GuardedTcpServer.cpp" line="106"/>
        <location filename="../server/GuardedTcpServer.cpp" line="111"/>
        <source>The request headers are larger than %1 KiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/GuardedTcpServer.cpp" line="120"/>
        <location filename="../server/GuardedTcpServer.cpp" line="126"/>
        <source>The request body is larger than the %1 MiB limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/GuardedTcpServer.cpp" line="193"/>
        <source>The request was not received completely within %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <location filename="../core/HttpClient.cpp" line="209"/>
        <source>Could not connect to the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/HttpClient.cpp" line="213"/>
        <source>The request timed out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/HttpClient.cpp" line="218"/>
        <source>The connection broke during the response: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/HttpClient.cpp" line="219"/>
        <source>The server closed the connection without a response: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/HttpClient.cpp" line="289"/>
        <source>The server sent no response within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/HttpClient.cpp" line="641"/>
        <source>The response is larger than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyCreateDialog</name>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="29"/>
        <source>Create a gateway key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="36"/>
        <source>e.g. ci, alice-laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="37"/>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="64"/>
        <source>Expires on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="77"/>
        <location filename="../ui/KeyCreateDialog.cpp" line="83"/>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="78"/>
        <source> requests/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="89"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="90"/>
        <source>Allowed &amp;models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="92"/>
        <source>Expiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="93"/>
        <source>&amp;Rate limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="94"/>
        <source>&amp;Budget:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="97"/>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="106"/>
        <source>&lt;b&gt;Copy this key now.&lt;/b&gt; Tollgate stores only its hash and cannot show it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="112"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="116"/>
        <location filename="../ui/KeyCreateDialog.cpp" line="171"/>
        <source>Copied to the clipboard (marked as secret for clipboard managers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="150"/>
        <source>A key needs a name, so you can tell keys apart in the logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyCreateDialog.cpp" line="157"/>
        <source>Tick at least one model, or allow all models.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <location filename="../core/KeyStore.cpp" line="91"/>
        <source>Key names use letters, digits, spaces and . _ @ - (at most 64).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeyStore.cpp" line="93"/>
        <source>A gateway key must be at least 16 characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeyStore.cpp" line="95"/>
        <source>The expiry &quot;%1&quot; is not an ISO 8601 date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeyStore.cpp" line="114"/>
        <source>A key named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeyStore.cpp" line="116"/>
        <source>This key is already registered under another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeyStore.cpp" line="158"/>
        <source>No active key named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <location filename="../core/KeychainSecretStore.cpp" line="40"/>
        <source>The keychain denied access (is it locked?): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeychainSecretStore.cpp" line="42"/>
        <source>The keychain holds no such entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeychainSecretStore.cpp" line="44"/>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeychainSecretStore.cpp" line="66"/>
        <source>No keychain (Secret Service) is reachable, so the key was not saved. Use an environment variable reference instead, e.g. env:OPENAI_API_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/KeychainSecretStore.cpp" line="107"/>
        <source>No keychain (Secret Service) is reachable, so the key cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysTab</name>
    <message>
        <location filename="../ui/KeysTab.cpp" line="33"/>
        <source>&amp;Create key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="35"/>
        <source>&amp;Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="45"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="45"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="45"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="45"/>
        <source>Allowed models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="45"/>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="46"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="46"/>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="46"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="46"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="79"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="82"/>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="85"/>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="89"/>
        <source>%1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="91"/>
        <source>$%1 budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="95"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="96"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="97"/>
        <location filename="../ui/KeysTab.cpp" line="98"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="126"/>
        <location filename="../ui/KeysTab.cpp" line="137"/>
        <source>Revoke key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="126"/>
        <source>Revoke the key &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="128"/>
        <source>Clients using it get 401 from their next request on. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="129"/>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysTab.cpp" line="137"/>
        <source>The key could not be revoked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListenAddress</name>
    <message>
        <location filename="../core/ListenAddress.cpp" line="13"/>
        <source>&quot;%1&quot; is not ADDR:PORT (e.g. 127.0.0.1:4242).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ListenAddress.cpp" line="19"/>
        <source>&quot;%1&quot; is not a port between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ListenAddress.cpp" line="23"/>
        <source>Write an IPv6 address in brackets, e.g. [::1]:4242.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ListenAddress.cpp" line="28"/>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogCommands</name>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>TIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>ROUTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>PROVIDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="37"/>
        <source>MS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="38"/>
        <source>TOKENS IN/OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="38"/>
        <location filename="../app/LogCommands.cpp" line="81"/>
        <source>COST USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="49"/>
        <source>No requests logged yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="81"/>
        <source>REQUESTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="81"/>
        <source>PROMPT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="81"/>
        <source>COMPLETION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="81"/>
        <source>CACHED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/LogCommands.cpp" line="89"/>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogDetailPane</name>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="32"/>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="33"/>
        <source>Response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="54"/>
        <source>Select a request to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="67"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="67"/>
        <source>#%1 at %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="71"/>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="71"/>
        <source>%1 (streamed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="72"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="74"/>
        <source>%1 → %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="75"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="75"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="76"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="76"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="77"/>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="77"/>
        <source>%1 ms total, %2 ms to first byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="79"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="79"/>
        <source>%1 prompt (%2 cached), %3 completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="82"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="84"/>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="84"/>
        <source>%1 (Playground)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogDetailPane.cpp" line="87"/>
        <location filename="../ui/LogDetailPane.cpp" line="88"/>
        <source>(not logged)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogExportWorker</name>
    <message>
        <location filename="../ui/LogExportWorker.cpp" line="21"/>
        <location filename="../ui/LogExportWorker.cpp" line="51"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogExportWorker.cpp" line="47"/>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="52"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="54"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="56"/>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="58"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="60"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="62"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="64"/>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="66"/>
        <source>Tokens in/out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="68"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="91"/>
        <source>Upstream: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="102"/>
        <source>%1 (stream)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogTableModel.cpp" line="110"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogsTab</name>
    <message>
        <location filename="../ui/LogsTab.cpp" line="40"/>
        <source>Last 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="40"/>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="40"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="40"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="41"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="41"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="41"/>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="54"/>
        <source>any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="59"/>
        <source>any key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="62"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="63"/>
        <source>Success (2xx/3xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="64"/>
        <source>Client errors (4xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="65"/>
        <source>Server errors (5xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="66"/>
        <source>Any error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="69"/>
        <source>Search route, model, provider, key, error…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="71"/>
        <source>&amp;Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="73"/>
        <source>Show new requests as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="75"/>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="77"/>
        <source>As CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="78"/>
        <source>As JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="130"/>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="162"/>
        <source>The log could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="287"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="289"/>
        <source>No requests match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/LogsTab.cpp" line="291"/>
        <source>%n request(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="293"/>
        <source>%1 newest requests loaded; scroll for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="300"/>
        <source>Export requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="301"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="301"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="305"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="305"/>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="319"/>
        <source>Exporting… %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="331"/>
        <source>Exported %1 requests to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="332"/>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LogsTab.cpp" line="336"/>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="37"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="39"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="41"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="43"/>
        <source>port in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="45"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="56"/>
        <source>Tollgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="69"/>
        <source>&amp;Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="70"/>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="71"/>
        <source>&amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="72"/>
        <source>Pla&amp;yground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="73"/>
        <source>&amp;Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>&amp;Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="124"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="125"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="128"/>
        <location filename="../ui/MainWindow.cpp" line="158"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="134"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="135"/>
        <source>&amp;About Tollgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>About Tollgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="137"/>
        <source>&lt;b&gt;Tollgate %1&lt;/b&gt;&lt;p&gt;An OpenAI-compatible LLM gateway with a native admin console.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="152"/>
        <source>&amp;Show Tollgate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="235"/>
        <source>Gateway %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="238"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="241"/>
        <source>%n request(s)/min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="243"/>
        <source>Tollgate: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MockDriver</name>
    <message>
        <location filename="../core/MockDriver.cpp" line="5"/>
        <source>Built-in demo (offline)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsTab</name>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="53"/>
        <source>Filter models and aliases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="55"/>
        <source>Show &amp;offline models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="57"/>
        <source>&amp;Publish as alias…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="67"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="67"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="67"/>
        <location filename="../ui/ModelsTab.cpp" line="75"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="67"/>
        <source>Owned by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="67"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="75"/>
        <location filename="../ui/ModelsTab.cpp" line="180"/>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="75"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="75"/>
        <source>Upstream model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="76"/>
        <source>In $/1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="76"/>
        <source>Out $/1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="76"/>
        <source>Cached $/1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="76"/>
        <source>Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="77"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="84"/>
        <source>&amp;New alias…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="85"/>
        <source>Ed&amp;it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="86"/>
        <source>De&amp;lete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="90"/>
        <source>&lt;b&gt;Published aliases&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="104"/>
        <source>&lt;b&gt;Discovered models&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="111"/>
        <source>Select a model or alias to see how to call it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="115"/>
        <source>curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="115"/>
        <source>Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="115"/>
        <source>JavaScript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="124"/>
        <source>&amp;Copy snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="165"/>
        <source>%1 does not expose all models; publish this one as an alias so clients can call it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="180"/>
        <source>The alias could not be changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="225"/>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="225"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="239"/>
        <source>%1 online / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="273"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="273"/>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="315"/>
        <source>Call &lt;b&gt;%1&lt;/b&gt; through the gateway at %2 (set TOLLGATE_KEY to a gateway key):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="368"/>
        <location filename="../ui/ModelsTab.cpp" line="375"/>
        <source>Delete alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="369"/>
        <source>Delete the alias &quot;%1&quot;? Clients calling it will get model_not_found. Logged requests stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelsTab.cpp" line="375"/>
        <source>The alias could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenAiDriver</name>
    <message>
        <location filename="../core/OpenAiDriver.cpp" line="9"/>
        <source>OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/OpenAiDriver.cpp" line="23"/>
        <source>Base URLs include the version path, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaygroundPlaceholder</name>
    <message>
        <location filename="../ui/PlaygroundPlaceholder.cpp" line="9"/>
        <source>The Playground will send one prompt to several models side by side.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderDialog</name>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="53"/>
        <source>Edit provider %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="53"/>
        <source>Add a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="65"/>
        <source>e.g. openai-production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="76"/>
        <location filename="../ui/ProviderDialog.cpp" line="82"/>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="79"/>
        <source>Show the key while you type it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="82"/>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="93"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="94"/>
        <source>Never (only &quot;Sync now&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="95"/>
        <source>Expose every discovered model as provider/model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="98"/>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="102"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="108"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="109"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="111"/>
        <source>Base &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="113"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="117"/>
        <source>&amp;Sync every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="161"/>
        <source>Stored in the keychain; type a new key to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="163"/>
        <source>No key; type one or env:NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="167"/>
        <source>Paste the key, or env:NAME to read an environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="180"/>
        <source>Usually not needed for a local server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="220"/>
        <source>A provider needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="223"/>
        <source>Use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64), starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="229"/>
        <source>Enter an http:// or https:// URL including the API version path, e.g. https://api.openai.com/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="235"/>
        <source>An environment reference looks like env:OPENAI_API_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="238"/>
        <source>No keychain is available. Enter env:NAME to read the key from an environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="244"/>
        <source>This kind of provider needs an API key (or env:NAME).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="289"/>
        <source>Storing the key in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="297"/>
        <source>The key could not be stored in the keychain: %1 Enter env:NAME to read it from an environment variable instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="330"/>
        <source>The environment variable %1 is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="351"/>
        <source>Model discovery is not available in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="357"/>
        <source>Enter a base URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="360"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProviderDialog.cpp" line="373"/>
        <source>Connected: %n model(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ProviderDialog.cpp" line="378"/>
        <source>Connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderKeys</name>
    <message>
        <location filename="../core/ProviderKeys.cpp" line="36"/>
        <source>env: must be followed by an environment variable name (letters, digits, _).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderKeys.cpp" line="37"/>
        <source>A key reference is empty, &quot;keychain&quot; or &quot;env:NAME&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderKeys.cpp" line="53"/>
        <source>The environment variable %1 (key of provider &quot;%2&quot;) is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderKeys.cpp" line="61"/>
        <source>Provider &quot;%1&quot; has an unknown key reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderKeys.cpp" line="77"/>
        <source>No API key for provider &quot;%1&quot; is stored in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderKeys.cpp" line="152"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderPreset</name>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="9"/>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="11"/>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="13"/>
        <source>Google Gemini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="15"/>
        <source>Azure OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="16"/>
        <source>Ollama (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="18"/>
        <source>vLLM (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="20"/>
        <source>LM Studio (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="22"/>
        <source>Together AI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProviderPreset.cpp" line="24"/>
        <source>Custom OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderStore</name>
    <message>
        <location filename="../core/ProviderStore.cpp" line="48"/>
        <source>A provider named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderStore.cpp" line="99"/>
        <location filename="../core/ProviderStore.cpp" line="122"/>
        <source>Provider names use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/ProviderStore.cpp" line="138"/>
        <source>Provider %1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvidersTab</name>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="32"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="39"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="41"/>
        <source>syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="43"/>
        <source>errored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="45"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="56"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="56"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="56"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="56"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="56"/>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="57"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="57"/>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="69"/>
        <source>&amp;Add provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="71"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="72"/>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="74"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="90"/>
        <source>Sync history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="93"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="93"/>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="93"/>
        <source>Went offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="93"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="186"/>
        <source>Sync history (select a provider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="190"/>
        <source>Sync history of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProvidersTab.cpp" line="207"/>
        <source>Syncing %n provider(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="246"/>
        <source>Delete the provider &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProvidersTab.cpp" line="249"/>
        <source>%n published alias(es) that point at it will be deleted and stop working for clients.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProvidersTab.cpp" line="252"/>
        <source>%n discovered model(s) will be forgotten.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="253"/>
        <source>Its request log entries stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="254"/>
        <location filename="../ui/ProvidersTab.cpp" line="264"/>
        <source>Delete provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="256"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProvidersTab.cpp" line="264"/>
        <source>The provider could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="19"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="28"/>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="33"/>
        <source>Require a gateway key for every request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="35"/>
        <source>Log request and response bodies (up to 64 KiB each)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="39"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="42"/>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="49"/>
        <source>&amp;Listen on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="55"/>
        <source>Keep logs for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="56"/>
        <source>Keep logs up to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="57"/>
        <source>A new listen address takes effect when the gateway restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="96"/>
        <source>Only programs on this computer can reach the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="99"/>
        <source>&lt;b&gt;Other machines can reach the gateway on %1.&lt;/b&gt; Every request must then carry a gateway key; create one per person or tool on the Keys tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="112"/>
        <source>&lt;b&gt;Enter an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="126"/>
        <source>&lt;b&gt;The settings could not be saved to the database.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartMode</name>
    <message>
        <location filename="../app/StartMode.cpp" line="26"/>
        <source>No display found; starting the headless gateway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <location filename="../core/SyncService.cpp" line="146"/>
        <source>Could not reach the provider at %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="149"/>
        <source>The provider did not answer in time. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="152"/>
        <source>The provider&apos;s model list is too large (over %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="157"/>
        <source>The connection to the provider failed. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="163"/>
        <source>The provider requires an API key, and none is set (HTTP 401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="164"/>
        <source>The provider rejected the API key (HTTP 401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="168"/>
        <source>The provider refused access with this API key (HTTP 403): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="174"/>
        <source>The provider has no model list at this base URL (HTTP 404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="181"/>
        <source>The provider is rate limiting requests (HTTP 429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="182"/>
        <source>The provider is rate limiting requests (HTTP 429, retry after %1 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="187"/>
        <source>The provider answered HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="285"/>
        <location filename="../core/SyncService.cpp" line="445"/>
        <source>Unknown provider kind &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="297"/>
        <location filename="../core/SyncService.cpp" line="462"/>
        <source>This provider needs an API key, and none is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="311"/>
        <source>The API key for this provider could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="312"/>
        <source>The API key could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="345"/>
        <source>The provider was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="359"/>
        <source>Saving the model list failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/SyncService.cpp" line="440"/>
        <source>Connected: the provider lists %1 models.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageTab</name>
    <message>
        <location filename="../ui/UsageTab.cpp" line="36"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="37"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="38"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="39"/>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="40"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="53"/>
        <source>by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="54"/>
        <source>by key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="55"/>
        <source>by provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="58"/>
        <source>per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="59"/>
        <source>per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="62"/>
        <location filename="../ui/UsageTab.cpp" line="103"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="63"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="64"/>
        <location filename="../ui/UsageTab.cpp" line="104"/>
        <source>Cost (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="65"/>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="73"/>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="75"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="103"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="103"/>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="103"/>
        <source>Completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="104"/>
        <source>Cached tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="155"/>
        <location filename="../ui/UsageTab.cpp" line="162"/>
        <source>Export usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="157"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="220"/>
        <source>Usage could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="228"/>
        <source>&lt;b&gt;%1&lt;/b&gt; requests · &lt;b&gt;%2&lt;/b&gt; prompt + &lt;b&gt;%3&lt;/b&gt; completion tokens (%4 cached) · &lt;b&gt;$%5&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="236"/>
        <location filename="../ui/UsageTab.cpp" line="297"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="274"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="328"/>
        <source>No requests in this range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageTab.cpp" line="343"/>
        <location filename="../ui/UsageTab.cpp" line="361"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="19"/>
        <source>&lt;h2&gt;Welcome to Tollgate&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="21"/>
        <source>Tollgate is an OpenAI-compatible gateway on your computer. Point any OpenAI or Anthropic SDK, curl or tool at it; it forwards each request to the provider behind the model name, swaps in the provider&apos;s key, and records what happened and what it cost. A built-in &lt;i&gt;demo&lt;/i&gt; provider answers offline, so you can try it before adding your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="28"/>
        <source>Your gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="29"/>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="34"/>
        <source>First key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="39"/>
        <source>&amp;Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="45"/>
        <source>Copied (marked as secret for clipboard managers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="47"/>
        <source>This key is shown only now. Tollgate keeps just its hash; create more keys on the Keys tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="65"/>
        <source>Add a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="70"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="74"/>
        <source>&amp;Add a provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="86"/>
        <source>&amp;Open the console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>stored listen address: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
