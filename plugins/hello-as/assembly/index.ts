// hello-as: a weft test plugin in AssemblyScript, with hand-written
// canonical-ABI glue (wit-bindgen has no AssemblyScript target).
//
// plugins/build.mjs compiles this file with asc, renames the exports to the
// names wit-component expects (AssemblyScript names cannot contain ":" or
// "#"), embeds wit/plugin.wit and wraps the module into a component.
//
//   list_tools        -> weft:plugin/tools@0.1.0#list-tools
//   call_tool         -> weft:plugin/tools@0.1.0#call-tool
//   post_list_tools   -> cabi_post_weft:plugin/tools@0.1.0#list-tools
//   post_call_tool    -> cabi_post_weft:plugin/tools@0.1.0#call-tool
//   cabi_realloc, memory: unchanged
//
// Memory: what the host allocates through cabi_realloc (arguments, host
// replies) is freed in the post-return functions, which the host calls once
// it has read a result; what the glue hands back is kept alive in `keep`
// until then. Everything else is ordinary garbage-collected AssemblyScript.

// ---- host imports (lowered: strings are ptr+len, results go to a retptr) ----

@external("weft:plugin/host@0.1.0", "get-env")
declare function hostGetEnv(namePtr: usize, nameLen: usize, retptr: usize): void;

@external("weft:plugin/host@0.1.0", "log")
declare function hostLog(level: i32, msgPtr: usize, msgLen: usize): void;

const LOG_INFO: i32 = 2;

// ---- allocation ----

const allocations: usize[] = [];
const keep: ArrayBuffer[] = [];
// Return areas: option<string> from get-env (12 bytes) and the result of an export.
const IMPORT_RET: usize = memory.data(16, 8);
const EXPORT_RET: usize = memory.data(16, 8);

export function cabi_realloc(old: usize, oldSize: usize, align: usize, newSize: usize): usize {
  if (align > 16) unreachable();
  if (old != 0) {
    if (newSize <= oldSize) return old;
    const moved = heap.alloc(newSize);
    memory.copy(moved, old, oldSize);
    allocations.push(moved);
    return moved;
  }
  const ptr = heap.alloc(newSize);
  allocations.push(ptr);
  return ptr;
}

function release(): void {
  for (let i = 0; i < allocations.length; i++) heap.free(allocations[i]);
  allocations.length = 0;
  keep.length = 0;
}

/** Stores `s` as UTF-8 (ptr, len) at `at`; the bytes live until post-return. */
function storeString(at: usize, s: string): void {
  const bytes = String.UTF8.encode(s);
  keep.push(bytes);
  store<u32>(at, changetype<usize>(bytes) as u32);
  store<u32>(at, bytes.byteLength as u32, 4);
}

function log(message: string): void {
  const bytes = String.UTF8.encode(message);
  hostLog(LOG_INFO, changetype<usize>(bytes), bytes.byteLength);
}

function getEnv(name: string): string | null {
  const bytes = String.UTF8.encode(name);
  hostGetEnv(changetype<usize>(bytes), bytes.byteLength, IMPORT_RET);
  if (load<u8>(IMPORT_RET) == 0) return null;
  return String.UTF8.decodeUnsafe(load<u32>(IMPORT_RET, 4), load<u32>(IMPORT_RET, 8));
}

// ---- the tools ----

const NAMES: string[] = ['hello', 'word_count'];
const DESCRIPTIONS: string[] = [
  'Greets someone by name (default: $WEFT_HELLO_NAME, then "world") and logs the greeting.',
  'Counts the words in a text.',
];
const SCHEMAS: string[] = [
  '{"type":"object","properties":{"name":{"type":"string"}}}',
  '{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}',
];

export function list_tools(): usize {
  const count = NAMES.length;
  const records = new ArrayBuffer(count * 24);
  keep.push(records);
  const base = changetype<usize>(records);
  for (let i = 0; i < count; i++) {
    const at = base + <usize>i * 24;
    storeString(at, NAMES[i]);
    storeString(at + 8, DESCRIPTIONS[i]);
    storeString(at + 16, SCHEMAS[i]);
  }
  store<u32>(EXPORT_RET, base as u32);
  store<u32>(EXPORT_RET, count as u32, 4);
  return EXPORT_RET;
}

export function post_list_tools(_ret: usize): void {
  release();
}

export function call_tool(namePtr: usize, nameLen: usize, argsPtr: usize, argsLen: usize): usize {
  const name = String.UTF8.decodeUnsafe(namePtr, nameLen);
  const args = String.UTF8.decodeUnsafe(argsPtr, argsLen);
  if (name == 'hello') return ok(hello(args));
  if (name == 'word_count') {
    const text = argString(args, 'text');
    if (text === null) return err('missing or invalid argument: text');
    return ok('{"words":' + wordCount(text).toString() + '}');
  }
  return err('unknown tool: ' + name);
}

export function post_call_tool(_ret: usize): void {
  release();
}

function hello(args: string): string {
  let name = argString(args, 'name');
  if (name === null) name = getEnv('WEFT_HELLO_NAME');
  if (name === null) name = 'world';
  log('greeting ' + name);
  return 'Hello, ' + name + '!';
}

function wordCount(text: string): i32 {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c == 32 || c == 9 || c == 10 || c == 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

// ---- result<string, string> ----

function result(disc: u8, text: string): usize {
  store<u8>(EXPORT_RET, disc);
  storeString(EXPORT_RET + 4, text);
  return EXPORT_RET;
}
function ok(text: string): usize {
  return result(0, text);
}
function err(text: string): usize {
  return result(1, text);
}

// ---- arguments: the string value of "key" in a JSON object text ----
// Not a JSON parser: finds "key", then a quoted value; decodes \" \\ \/ \n \t.

function argString(args: string, key: string): string | null {
  const quoted = '"' + key + '"';
  let i = args.indexOf(quoted);
  if (i < 0) return null;
  i += quoted.length;
  while (i < args.length && (args.charCodeAt(i) == 32 || args.charCodeAt(i) == 58)) i++;
  if (i >= args.length || args.charCodeAt(i) != 34) return null;
  i++;
  let out = '';
  while (i < args.length) {
    const c = args.charCodeAt(i);
    if (c == 34) return out;
    if (c == 92 && i + 1 < args.length) {
      i++;
      const e = args.charCodeAt(i);
      out += e == 110 ? '\n' : e == 116 ? '\t' : String.fromCharCode(e);
    } else {
      out += String.fromCharCode(c);
    }
    i++;
  }
  return null;
}
