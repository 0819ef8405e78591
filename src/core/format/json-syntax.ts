/**
 * Finds where JSON text stops being valid. Used only after JSON.parse has failed, because
 * V8's messages do not always give a position ("Unexpected token ',', …"), and a person
 * fixing a snapshot by hand needs a line and column. Iterative (an explicit stack), so
 * deeply nested input cannot overflow the call stack.
 */
export interface JsonSyntaxError {
  offset: number;
  /** True when the text ended while a value was still open. */
  atEnd: boolean;
  expected: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  // Stack of open containers: '{' or '['; `state` says what the scanner expects next.
  const stack: string[] = [];
  type State = 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'done';
  let state = 'value' as State;

  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const fail = (expected: string): JsonSyntaxError => ({ offset: i, atEnd: i >= n, expected });

  const scanString = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else if (c < 0x20) return false;
      else i++;
    }
    return false;
  };

  const afterValue = () => {
    state = stack.length === 0 ? 'done' : 'comma-or-end';
  };

  while (true) {
    skipWs();
    if (state === 'done') return i < n ? fail('end of input') : null;
    if (i >= n) return fail(state === 'value' ? 'a value' : state === 'colon' ? '":"' : state === 'comma-or-end' ? '"," or a closing bracket' : 'a key');
    const ch = text[i]!;
    switch (state) {
      case 'value': {
        if (ch === '{') {
          stack.push('{');
          i++;
          state = 'key-or-end';
        } else if (ch === '[') {
          stack.push('[');
          i++;
          skipWs();
          if (text[i] === ']') {
            stack.pop();
            i++;
            afterValue();
          } else state = 'value';
          continue;
        } else if (ch === '"') {
          if (!scanString()) return fail('a valid string');
          afterValue();
        } else {
          const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
          if (!literal) return fail('a value');
          i += literal[0].length;
          afterValue();
        }
        break;
      }
      case 'key-or-end':
      case 'key': {
        if (ch === '}' && state === 'key-or-end') {
          stack.pop();
          i++;
          afterValue();
        } else if (ch === '"') {
          if (!scanString()) return fail('a valid string');
          state = 'colon';
        } else return fail('a key in double quotes');
        break;
      }
      case 'colon': {
        if (ch !== ':') return fail('":"');
        i++;
        state = 'value';
        break;
      }
      case 'comma-or-end': {
        const open = stack[stack.length - 1];
        if (ch === ',') {
          i++;
          state = open === '{' ? 'key' : 'value';
        } else if ((ch === '}' && open === '{') || (ch === ']' && open === '[')) {
          stack.pop();
          i++;
          afterValue();
        } else return fail(open === '{' ? '"," or "}"' : '"," or "]"');
        break;
      }
    }
  }
}
