import type { ProbeClass } from './types';

/**
 * The detection rules, as a libddwaf ruleset (Datadog's in-app WAF engine). SQL injection and
 * cross-site scripting are libinjection's tokenisers (`is_sqli`, `is_xss`), the rest are RE2
 * signatures. Every rule sees the three forms of `decodeReport` and lower-cases them itself; each
 * rule's `tags.type` is the probe class it reports.
 */
const ADDRESSES = ['report.raw', 'report.decoded', 'report.joined'] as const;
const inputs = ADDRESSES.map((address) => ({ address }));

interface Signature {
  id: string;
  type: ProbeClass;
  regex?: string;
  operator?: 'is_sqli' | 'is_xss';
}

const COMMANDS =
  'cat|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|ping|sleep|rm|chmod|chown|powershell|pwsh|cmd|cmd\\.exe|python[0-9.]*|perl|ruby|php|nslookup|dig|echo|type|dir|ifconfig|ipconfig|net|env|printenv|base64|telnet|kill|reboot|shutdown|/bin/[a-z]+|/usr/bin/[a-z]+';
/** A command at a position the shell would run it: after a separator, in $( ) or backticks, or alone on a line. */
const COMMAND_AFTER_SEPARATOR = `(?:^|[;&|\\n]|\\|\\||&&)\\s*(?:${COMMANDS})(?:\\s|$|[;&|#)'"\`<>])`;

const SIGNATURES: Signature[] = [
  { id: 'script.libinjection', type: 'script', operator: 'is_xss' },
  { id: 'script.tag', type: 'script', regex: '<\\s*script\\b[^>]*>[^<]*(?:\\w\\s*\\(|</\\s*script)|<\\s*script[^>]*\\bsrc\\s*=\\s*["\']?(?:https?:)?//' },
  { id: 'script.handler', type: 'script', regex: '<[a-z][^>]*\\bon[a-z]{3,}\\s*=' },
  { id: 'script.url', type: 'script', regex: '(?:^|["\'(=\\s])javascript\\s*:|data:text/html' },
  { id: 'script.sink', type: 'script', regex: '<\\s*(?:iframe|object|embed|svg|math|base|meta)\\b' },
  { id: 'sql.libinjection', type: 'sql', operator: 'is_sqli' },
  { id: 'sql.union', type: 'sql', regex: '\\bunion(?:\\s+all)?\\s+select\\b' },
  { id: 'sql.tautology', type: 'sql', regex: '[\'"]\\s*(?:or|and|\\|\\|)\\s*[\'"(]?\\s*\\w*\\s*[\'"]?\\s*(?:=|like)\\s*[\'"]?\\w*|\\b(?:or|and)\\s+\\d+\\s*=\\s*\\d+' },
  { id: 'sql.timing', type: 'sql', regex: '\\b(?:pg_sleep|sleep|benchmark)\\s*\\(\\s*\\d|waitfor\\s+delay\\s+[\'"]' },
  { id: 'sql.catalog', type: 'sql', regex: '\\binformation_schema\\.|\\bxp_cmdshell\\b|\\bextractvalue\\s*\\(|\\bload_file\\s*\\(' },
  { id: 'sql.stacked', type: 'sql', regex: '[\'");]\\s*;?\\s*(?:drop|insert|delete|update|exec|truncate|alter)\\s+(?:table|into|from|xp_|\\w+\\s+set)' },
  { id: 'template.arithmetic', type: 'template', regex: '(?:\\{\\{|\\$\\{|#\\{|\\*\\{|<%=?|\\{\\{=)\\s*[\'"]?\\d+[\'"]?\\s*[*+/-]\\s*[\'"]?\\d+' },
  { id: 'template.dunder', type: 'template', regex: '__(?:class|mro|subclasses|globals|builtins|import|init)__' },
  { id: 'template.objects', type: 'template', regex: '\\{\\{\\s*(?:config|self|request|lipsum|cycler|joiner|namespace|constructor)\\b|constructor\\.constructor\\s*\\(' },
  { id: 'template.java', type: 'template', regex: '\\$\\{\\s*(?:jndi|\\$\\{\\s*(?:lower|upper|env|sys)\\s*:)|\\bt\\(java\\.lang|freemarker\\.template|<#assign\\b|#set\\s*\\(\\s*\\$' },
  { id: 'template.blocks', type: 'template', regex: '\\{%\\s*(?:import|include|set|for|exec)\\b|\\{php\\}|<%=?\\s*(?:system|exec|eval|`)|@\\(\\s*\\d+\\s*[*+]' },
  { id: 'command.separator', type: 'command', regex: COMMAND_AFTER_SEPARATOR },
  { id: 'command.substitution', type: 'command', regex: `(?:\\$\\(|\`)\\s*(?:${COMMANDS})\\b` },
  { id: 'command.reverse-shell', type: 'command', regex: '/dev/tcp/|\\s-e\\s+/bin/(?:ba)?sh\\b|\\biex\\s*\\(|downloadstring\\s*\\(' },
  { id: 'path.traversal', type: 'path', regex: '(?:\\.{2,}[\\\\/;]+){2,}|(?:^|[\\\\/])\\.\\.[\\\\/;]+[^\\s]*(?:etc|windows|winnt|web-inf|proc|root|home|var)[\\\\/]' },
  { id: 'path.sensitive', type: 'path', regex: '(?:^|[\\s\\\\/:]|\\.\\.)(?:etc[\\\\/](?:passwd|shadow|hosts|hostname|group|issue)|proc[\\\\/]self[\\\\/]|win\\.ini|boot\\.ini|system32[\\\\/]|web-inf[\\\\/]|\\.ssh[\\\\/]id_|\\.env$)' },
  { id: 'path.scheme', type: 'path', regex: '\\b(?:file|php|zip|phar|expect)://|\\x00\\.[a-z]{2,4}\\b' },
];

export const CLASS_OF_RULE = new Map(SIGNATURES.map((signature) => [signature.id, signature.type]));

export const RULESET = {
  version: '2.2',
  metadata: { rules_version: '1.0.0' },
  rules: SIGNATURES.map((signature) => ({
    id: signature.id,
    name: signature.id,
    tags: { type: signature.type, category: 'attack_attempt' },
    conditions: [
      signature.operator
        ? { operator: signature.operator, parameters: { inputs } }
        : { operator: 'match_regex', parameters: { inputs, regex: signature.regex, options: { case_sensitive: false, min_length: 2 } } },
    ],
    transformers: ['remove_nulls', 'compress_whitespace'],
  })),
};
