/**
 * The subset of Temporal's visibility query language that the gateway sends, for the stand-in:
 * comparisons joined by AND (`=`, `!=`, `<`, `<=`, `>`, `>=`, `IN (…)`, `STARTS_WITH`), string,
 * number and boolean literals, and an optional trailing `GROUP BY ExecutionStatus`. Anything else
 * is refused with a message, as a real server refuses what it does not understand.
 */
export type Literal = string | number | boolean;

export interface Condition {
  attribute: string;
  operator: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'STARTS_WITH';
  values: Literal[];
}

export interface VisibilityQuery {
  conditions: Condition[];
  groupBy?: string;
}

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(<=|>=|!=|=|<|>|\(|\)|,)|([A-Za-z_][A-Za-z0-9_]*)|(-?\d+(?:\.\d+)?))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`invalid query near "${text.slice(start, start + 20)}"`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

function literal(token: string | undefined): Literal {
  if (token === undefined) throw new Error('invalid query: a value is missing');
  if (/^['"]/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^-?\d/.test(token)) return Number(token);
  if (/^(true|false)$/i.test(token)) return token.toLowerCase() === 'true';
  throw new Error(`invalid query: "${token}" is not a value`);
}

export function parseVisibilityQuery(text: string): VisibilityQuery {
  const tokens = tokenize(text);
  const conditions: Condition[] = [];
  let position = 0;
  let groupBy: string | undefined;
  const next = () => tokens[position++];
  while (position < tokens.length) {
    if (tokens[position]?.toUpperCase() === 'GROUP') {
      next();
      if (next()?.toUpperCase() !== 'BY') throw new Error('invalid query: GROUP without BY');
      groupBy = next();
      if (groupBy !== 'ExecutionStatus') throw new Error(`invalid query: GROUP BY ${groupBy} is not supported`);
      if (position < tokens.length) throw new Error('invalid query: text after GROUP BY');
      break;
    }
    if (conditions.length > 0 && next()?.toUpperCase() !== 'AND') throw new Error('invalid query: only AND joins conditions here');
    const attribute = next();
    if (!attribute || !/^[A-Za-z_]/.test(attribute)) throw new Error('invalid query: an attribute name is missing');
    const operator = next()?.toUpperCase() as Condition['operator'] | undefined;
    if (operator === 'IN') {
      if (next() !== '(') throw new Error('invalid query: IN needs a list');
      const values: Literal[] = [];
      for (;;) {
        values.push(literal(next()));
        const separator = next();
        if (separator === ')') break;
        if (separator !== ',') throw new Error('invalid query: bad IN list');
      }
      conditions.push({ attribute, operator, values });
    } else if (operator && ['=', '!=', '<', '<=', '>', '>=', 'STARTS_WITH'].includes(operator)) {
      conditions.push({ attribute, operator, values: [literal(next())] });
    } else {
      throw new Error(`invalid query: operator "${operator}" is not supported`);
    }
  }
  return { conditions, groupBy };
}

function compare(actual: Literal | undefined, condition: Condition): boolean {
  if (actual === undefined) return false;
  const value = condition.values[0] ?? '';
  // Times compare as instants whatever their spelling.
  const normalise = (given: Literal) => (typeof given === 'string' && /^\d{4}-\d\d-\d\dT/.test(given) ? Date.parse(given) : given);
  const left = normalise(actual);
  const right = normalise(value);
  switch (condition.operator) {
    case '=': return left === right;
    case '!=': return left !== right;
    case '<': return left < right;
    case '<=': return left <= right;
    case '>': return left > right;
    case '>=': return left >= right;
    case 'IN': return condition.values.map(normalise).includes(left);
    case 'STARTS_WITH': return typeof actual === 'string' && actual.startsWith(String(value));
  }
}

/** Whether a record's attributes satisfy every condition; an unknown attribute is an error. */
export function matches(query: VisibilityQuery, attributes: Record<string, Literal | undefined>, known: readonly string[]): boolean {
  return query.conditions.every((condition) => {
    if (!known.includes(condition.attribute)) throw new Error(`invalid query: unknown attribute ${condition.attribute}`);
    return compare(attributes[condition.attribute], condition);
  });
}
