#!/usr/bin/env python3
"""Builds Tollgate's bundled price table (resources/prices.json) from public
price facts laid out like Portkey-AI/models (pricing/<provider>.json in US
cents per token, general/<provider>.json with model parameters).

    resources/convert-prices.py SOURCE_DIR [OUTPUT]

Only the facts Tollgate charges by are kept, in USD per 1M tokens. The source
commit and date (from SOURCE_DIR/SOURCE.md) go into the table so the console
can say how old its prices are. Standard library only, deterministic output.
"""

import json
import os
import re
import sys

# Source provider -> Tollgate provider kind. Other source providers keep their
# own name, so a provider named like them (e.g. "deepseek") can be priced too.
KIND_OF_SOURCE = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "gemini",
    "azure-openai": "azure",
}

# Cents per token -> USD per 1M tokens.
CENTS_PER_TOKEN_TO_USD_PER_MTOK = 1e6 / 100


def usd_per_mtok(entry):
    if not isinstance(entry, dict) or not isinstance(entry.get("price"), (int, float)):
        return None
    # Rounded so float noise (3.0000000000000004) never reaches the table.
    return round(entry["price"] * CENTS_PER_TOKEN_TO_USD_PER_MTOK, 6)


def model_price(config):
    payg = (config or {}).get("pricing_config") or {}
    payg = payg.get("pay_as_you_go") or {}
    price = {}
    for field, key in (
        ("input", "request_token"),
        ("output", "response_token"),
        ("cache_read", "cache_read_input_token"),
        ("cache_write", "cache_write_input_token"),
    ):
        value = usd_per_mtok(payg.get(key))
        if value is not None:
            price[field] = value
    value = usd_per_mtok((payg.get("additional_units") or {}).get("cache_write_1h"))
    if value is not None:
        price["cache_write_1h"] = value
    # A model without a token price (images, audio by the second) is not ours to charge.
    if "input" not in price and "output" not in price:
        return None
    return price


def limits(general_model):
    out = {}
    params = (general_model or {}).get("params") or []
    for param in params:
        if not isinstance(param, dict):
            continue
        value = param.get("maxValue")
        if not isinstance(value, int):
            continue
        if param.get("key") in ("max_tokens", "max_completion_tokens", "max_output_tokens"):
            out["max_output"] = max(out.get("max_output", 0), value)
        elif param.get("key") in ("context_window", "max_input_tokens"):
            out["context_window"] = value
    return out


def read_source(source_dir):
    text = open(os.path.join(source_dir, "SOURCE.md"), encoding="utf-8").read()
    repo = re.search(r"repository\s+([\w.-]+/[\w.-]+)", text)
    found = re.search(r"commit\s+([0-9a-f]{40})\s+of\s+(\d{4}-\d{2}-\d{2})", text)
    if not found:
        sys.exit("SOURCE.md names no 'commit <sha> of <yyyy-mm-dd>'")
    return {
        "repository": repo.group(1) if repo else "",
        "commit": found.group(1),
        "date": found.group(2),
        "license": "MIT" if "MIT" in text else "",
    }


def convert(source_dir):
    providers = {}
    pricing_dir = os.path.join(source_dir, "pricing")
    for name in sorted(os.listdir(pricing_dir)):
        if not name.endswith(".json"):
            continue
        source_provider = name[: -len(".json")]
        with open(os.path.join(pricing_dir, name), encoding="utf-8") as f:
            prices = json.load(f)
        general = {}
        general_path = os.path.join(source_dir, "general", name)
        if os.path.exists(general_path):
            with open(general_path, encoding="utf-8") as f:
                general = json.load(f)
        models = {}
        for model_id, config in prices.items():
            if model_id == "default":
                continue
            price = model_price(config)
            if price is None:
                continue
            general_model = general.get(model_id)
            price.update(limits(general_model if isinstance(general_model, dict) else None))
            models[model_id] = price
        if models:
            providers[KIND_OF_SOURCE.get(source_provider, source_provider)] = dict(sorted(models.items()))
    return {
        "format": 1,
        "unit": "USD per 1M tokens",
        "source": read_source(source_dir),
        "providers": dict(sorted(providers.items())),
    }


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    output = argv[2] if len(argv) == 3 else os.path.join(here, "prices.json")
    table = convert(argv[1])
    with open(output, "w", encoding="utf-8") as f:
        # One model per line: compact, yet a price change is a one-line diff.
        f.write('{"format":1,"unit":%s,"source":%s,"providers":{\n' % (
            json.dumps(table["unit"]), json.dumps(table["source"], separators=(",", ":"))))
        kinds = list(table["providers"].items())
        for k, (kind, models) in enumerate(kinds):
            f.write("%s:{\n" % json.dumps(kind))
            rows = list(models.items())
            for i, (model_id, price) in enumerate(rows):
                f.write("%s:%s%s\n" % (json.dumps(model_id), json.dumps(price, separators=(",", ":")),
                                       "," if i + 1 < len(rows) else ""))
            f.write("}%s\n" % ("," if k + 1 < len(kinds) else ""))
        f.write("}}\n")


if __name__ == "__main__":
    main(sys.argv)
