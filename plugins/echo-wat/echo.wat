;; echo-wat: a weft test plugin written by hand in WebAssembly text.
;;
;; This is the *core* module. plugins/build.mjs embeds wit/plugin.wit (world
;; `plugin`) into it and wraps it into a component with jco's componentNew.
;; The canonical-ABI glue that wit-bindgen would generate is written out
;; below; the layouts are those of the Canonical ABI (32-bit, UTF-8 strings):
;;
;;   string / list<T>            ptr: i32 @0, len: i32 @4 (len in elements)
;;   tuple<string, string>       16 bytes: a.ptr @0, a.len @4, b.ptr @8, b.len @12
;;   result<list|string, string> disc: u8 @0 (0 = ok, 1 = err), payload @4, @8
;;   result<_, string>           disc: u8 @0, err payload @4, @8
;;   option<string>              disc: u8 @0 (0 = none, 1 = some), payload @4, @8
;;   result<response, string>    disc: u8 @0; response @4: status u16 @4,
;;                               headers list @8/@12, body list @16/@20
;;   tool-info                   24 bytes: name, description, input-schema
;;
;; An import whose flat results would be more than one value gets a trailing
;; `retptr` parameter: the host writes the result there (allocating strings and
;; lists with our cabi_realloc). An export returning more than one flat value
;; returns a pointer to the result in memory instead.
;;
;; Memory map (page 0):
;;     64 ..   95  return area for import calls
;;     96 ..  127  scratch for decimal formatting
;;    128 ..  143  the one request header (a tuple<string, string>)
;;    512 .. 1023  argument keys, 16-byte slots, NUL-terminated ($key)
;;   1024 .. 4095  messages, 64-byte slots, NUL-terminated ($msg)
;;   4096 ..       tool table: name\0 description\0 schema\0, repeated, then \0
;;  16384 ..       heap (bump allocator, reset after every export returns)
;;
;; Tool arguments are read with a tiny scanner, not a JSON parser: the value
;; of "key" is the text between the quotes after it (escapes are kept as
;; written, not decoded) or, unquoted, up to the next , } ] or space.
(module
  (import "weft:plugin/host@0.1.0" "read-file" (func $read_file (param i32 i32 i32)))
  (import "weft:plugin/host@0.1.0" "write-file" (func $write_file (param i32 i32 i32 i32 i32)))
  (import "weft:plugin/host@0.1.0" "http-request"
    (func $http_request (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "weft:plugin/host@0.1.0" "get-env" (func $get_env (param i32 i32 i32)))
  (import "weft:plugin/host@0.1.0" "log" (func $log (param i32 i32 i32)))

  (memory (export "memory") 1)
  (global $heap_base i32 (i32.const 16384))
  (global $heap (mut i32) (i32.const 16384))

  ;; ---- argument keys (slot k at 512 + 16k) ----
  (data (i32.const 512) "n")
  (data (i32.const 528) "pages")
  (data (i32.const 544) "path")
  (data (i32.const 560) "contents")
  (data (i32.const 576) "url")
  (data (i32.const 592) "method")
  (data (i32.const 608) "body")
  (data (i32.const 624) "name")
  (data (i32.const 640) "level")
  (data (i32.const 656) "message")

  ;; ---- messages (slot k at 1024 + 64k) ----
  (data (i32.const 1024) "unknown tool: ")
  (data (i32.const 1088) "missing or invalid argument: ")
  (data (i32.const 1152) "{\"n\":")
  (data (i32.const 1216) ",\"result\":")
  (data (i32.const 1280) "}")
  (data (i32.const 1344) "{\"previous\":")
  (data (i32.const 1408) "-1")
  (data (i32.const 1472) "{\"written\":")
  (data (i32.const 1536) ": ")
  (data (i32.const 1600) "\n")
  (data (i32.const 1664) "GET")
  (data (i32.const 1728) "user-agent")
  (data (i32.const 1792) "weft-echo-wat/0.1")
  (data (i32.const 1856) " is not set or not granted")
  (data (i32.const 1920) "logged")
  (data (i32.const 1984) "failed on purpose")
  ;; What `version` reports. Tests rewrite the digits in place (same length) to make
  ;; a new build of the code whose tools, schemas and permissions are unchanged.
  (data (i32.const 2048) "build-000000")

  ;; ---- tool table: the order here is the br_table order in call-tool ----
  (data (i32.const 4096)
    "echo\00"
    "Returns its arguments unchanged.\00"
    "{\"type\":\"object\"}\00"
    "compute\00"
    "Runs a loop of n iterations (to measure fuel and time limits) and returns a checksum.\00"
    "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":0}},\"required\":[\"n\"]}\00"
    "fail\00"
    "Returns an error carrying the given message.\00"
    "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}\00"
    "trap\00"
    "Traps (executes unreachable).\00"
    "{\"type\":\"object\"}\00"
    "grow_memory\00"
    "Grows linear memory by the given number of 64 KiB pages; returns the previous size in pages, or -1 when refused.\00"
    "{\"type\":\"object\",\"properties\":{\"pages\":{\"type\":\"integer\",\"minimum\":0}},\"required\":[\"pages\"]}\00"
    "read_file\00"
    "Reads a file through the host and returns its contents as text.\00"
    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}\00"
    "write_file\00"
    "Writes text to a file through the host.\00"
    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"contents\":{\"type\":\"string\"}},\"required\":[\"path\",\"contents\"]}\00"
    "http_request\00"
    "Makes an HTTP request through the host; returns the status, the headers (one per line) and the body.\00"
    "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"},\"method\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"}},\"required\":[\"url\"]}\00"
    "get_env\00"
    "Reads an environment variable through the host.\00"
    "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}\00"
    "log\00"
    "Writes a message to the host log at the given level (default info).\00"
    "{\"type\":\"object\",\"properties\":{\"level\":{\"type\":\"string\",\"enum\":[\"trace\",\"debug\",\"info\",\"warn\",\"error\"]},\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}\00"
    "version\00"
    "Reports which build of this plugin is running.\00"
    "{\"type\":\"object\"}\00"
    "\00")

  ;; ---- allocation ----

  ;; Bump allocation; grows memory as needed and traps when it cannot.
  (func $alloc (param $align i32) (param $size i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    (local.set $p (i32.and
      (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
      (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $size)))
    (if (i32.lt_u (local.get $end) (local.get $p)) (then unreachable))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq
              (memory.grow (i32.shr_u
                (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 65535))
                (i32.const 16)))
              (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $p))

  (func (export "cabi_realloc")
    (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $p i32)
    (if (i32.and (i32.ne (local.get $old) (i32.const 0))
                 (i32.le_u (local.get $new_size) (local.get $old_size)))
      (then (return (local.get $old))))
    (local.set $p (call $alloc (local.get $align) (local.get $new_size)))
    (if (i32.ne (local.get $old) (i32.const 0))
      (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
    (local.get $p))

  ;; After the host has read an export's result, everything allocated for
  ;; the call (arguments, result, host replies) is dead: start over.
  (func (export "cabi_post_weft:plugin/tools@0.1.0#list-tools") (param i32)
    (global.set $heap (global.get $heap_base)))
  (func (export "cabi_post_weft:plugin/tools@0.1.0#call-tool") (param i32)
    (global.set $heap (global.get $heap_base)))

  ;; ---- small helpers ----

  (func $strlen (param $p i32) (result i32)
    (local $q i32)
    (local.set $q (local.get $p))
    (block $done
      (loop $scan
        (br_if $done (i32.eqz (i32.load8_u (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $scan)))
    (i32.sub (local.get $q) (local.get $p)))

  (func $key (param $k i32) (result i32)
    (i32.add (i32.const 512) (i32.shl (local.get $k) (i32.const 4))))
  (func $msg (param $k i32) (result i32)
    (i32.add (i32.const 1024) (i32.shl (local.get $k) (i32.const 6))))

  (func $memeq (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32)
    (block $no
      (loop $cmp
        (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (i32.const 1))))
        (br_if $no (i32.ne
          (i32.load8_u (i32.add (local.get $a) (local.get $i)))
          (i32.load8_u (i32.add (local.get $b) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cmp)))
    (i32.const 0))

  ;; The value of argument key $k in the args text, as (ptr, len); (0, -1)
  ;; when the key is absent.
  (func $arg (param $args i32) (param $alen i32) (param $k i32) (result i32 i32)
    (local $kp i32) (local $klen i32) (local $i i32) (local $end i32) (local $c i32) (local $start i32)
    (local.set $kp (call $key (local.get $k)))
    (local.set $klen (call $strlen (local.get $kp)))
    (local.set $end (i32.add (local.get $args) (local.get $alen)))
    (local.set $i (local.get $args))
    ;; find "key" (quote, key, quote)
    (block $found
      (loop $search
        (if (i32.gt_u (i32.add (i32.add (local.get $i) (local.get $klen)) (i32.const 2)) (local.get $end))
          (then (return (i32.const 0) (i32.const -1))))
        (if (i32.and
              (i32.and
                (i32.eq (i32.load8_u (local.get $i)) (i32.const 34))
                (i32.eq (i32.load8_u (i32.add (i32.add (local.get $i) (local.get $klen)) (i32.const 1))) (i32.const 34)))
              (call $memeq (i32.add (local.get $i) (i32.const 1)) (local.get $kp) (local.get $klen)))
          (then
            (local.set $i (i32.add (i32.add (local.get $i) (local.get $klen)) (i32.const 2)))
            (br $found)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $search)))
    ;; skip spaces and the colon
    (block $value
      (loop $skip
        (br_if $value (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $value (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 58)))
                                       (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 9))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $skip)))
    (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const 0) (i32.const -1))))
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 34))
      (then
        ;; quoted: up to the next quote not preceded by a backslash
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $start (local.get $i))
        (block $close
          (loop $str
            (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const 0) (i32.const -1))))
            (local.set $c (i32.load8_u (local.get $i)))
            (br_if $close (i32.eq (local.get $c) (i32.const 34)))
            (if (i32.eq (local.get $c) (i32.const 92))
              (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $str)))
        (return (local.get $start) (i32.sub (local.get $i) (local.get $start)))))
    ;; unquoted: up to , } ] or whitespace
    (local.set $start (local.get $i))
    (block $stop
      (loop $bare
        (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $stop (i32.or (i32.or (i32.eq (local.get $c) (i32.const 44)) (i32.eq (local.get $c) (i32.const 125)))
                             (i32.or (i32.eq (local.get $c) (i32.const 93)) (i32.le_u (local.get $c) (i32.const 32)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bare)))
    (local.get $start) (i32.sub (local.get $i) (local.get $start)))

  ;; Decimal digits to u32; -1 when empty, not all digits, or too large.
  (func $parse_u32 (param $p i32) (param $len i32) (result i32)
    (local $i i32) (local $v i64) (local $c i32)
    (if (i32.le_s (local.get $len) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.gt_u (local.get $len) (i32.const 10)) (then (return (i32.const -1))))
    (loop $digits
      (local.set $c (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 48)))
      (if (i32.gt_u (local.get $c) (i32.const 9)) (then (return (i32.const -1))))
      (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $digits (i32.lt_u (local.get $i) (local.get $len))))
    (if (i64.gt_u (local.get $v) (i64.const 0xfffffffe)) (then (return (i32.const -1))))
    (i32.wrap_i64 (local.get $v)))

  ;; ---- output: consecutive $alloc(1, n) calls are contiguous ----

  (func $emit (param $p i32) (param $len i32)
    (memory.copy (call $alloc (i32.const 1) (local.get $len)) (local.get $p) (local.get $len)))
  (func $emit_msg (param $k i32)
    (local $p i32)
    (local.set $p (call $msg (local.get $k)))
    (call $emit (local.get $p) (call $strlen (local.get $p))))
  (func $emit_u32 (param $v i32)
    (local $p i32)
    (local.set $p (i32.const 127))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (i32.ne (local.get $v) (i32.const 0))))
    (call $emit (local.get $p) (i32.sub (i32.const 127) (local.get $p))))

  ;; ---- results of call-tool: result<string, string> ----

  (func $result (param $disc i32) (param $p i32) (param $len i32) (result i32)
    (local $r i32)
    (local.set $r (call $alloc (i32.const 4) (i32.const 12)))
    (i32.store8 (local.get $r) (local.get $disc))
    (i32.store offset=4 (local.get $r) (local.get $p))
    (i32.store offset=8 (local.get $r) (local.get $len))
    (local.get $r))
  (func $ok (param $p i32) (param $len i32) (result i32)
    (call $result (i32.const 0) (local.get $p) (local.get $len)))
  (func $err (param $p i32) (param $len i32) (result i32)
    (call $result (i32.const 1) (local.get $p) (local.get $len)))
  ;; ok/err with the text emitted since $start
  (func $ok_from (param $start i32) (result i32)
    (call $ok (local.get $start) (i32.sub (global.get $heap) (local.get $start))))
  (func $err_from (param $start i32) (result i32)
    (call $err (local.get $start) (i32.sub (global.get $heap) (local.get $start))))
  (func $ok_msg (param $k i32) (result i32)
    (local $p i32)
    (local.set $p (call $msg (local.get $k)))
    (call $ok (local.get $p) (call $strlen (local.get $p))))
  ;; err("missing or invalid argument: <key>")
  (func $bad_arg (param $k i32) (result i32)
    (local $start i32) (local $kp i32)
    (local.set $start (global.get $heap))
    (call $emit_msg (i32.const 1))
    (local.set $kp (call $key (local.get $k)))
    (call $emit (local.get $kp) (call $strlen (local.get $kp)))
    (call $err_from (local.get $start)))

  ;; ---- export: list-tools ----

  (func (export "weft:plugin/tools@0.1.0#list-tools") (result i32)
    (local $count i32) (local $p i32) (local $list i32) (local $rec i32) (local $f i32) (local $len i32) (local $ret i32)
    ;; count the tools: every third string, until the empty name
    (local.set $p (i32.const 4096))
    (block $end
      (loop $count_tools
        (br_if $end (i32.eqz (i32.load8_u (local.get $p))))
        (local.set $f (i32.const 0))
        (loop $skip3
          (local.set $p (i32.add (i32.add (local.get $p) (call $strlen (local.get $p))) (i32.const 1)))
          (local.set $f (i32.add (local.get $f) (i32.const 1)))
          (br_if $skip3 (i32.lt_u (local.get $f) (i32.const 3))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $count_tools)))
    (local.set $list (call $alloc (i32.const 4) (i32.mul (local.get $count) (i32.const 24))))
    ;; fill the records: three (ptr, len) pairs each
    (local.set $p (i32.const 4096))
    (local.set $rec (local.get $list))
    (block $filled
      (loop $fill
        (br_if $filled (i32.eqz (i32.load8_u (local.get $p))))
        (local.set $f (i32.const 0))
        (loop $field
          (local.set $len (call $strlen (local.get $p)))
          (i32.store (local.get $rec) (local.get $p))
          (i32.store offset=4 (local.get $rec) (local.get $len))
          (local.set $rec (i32.add (local.get $rec) (i32.const 8)))
          (local.set $p (i32.add (i32.add (local.get $p) (local.get $len)) (i32.const 1)))
          (local.set $f (i32.add (local.get $f) (i32.const 1)))
          (br_if $field (i32.lt_u (local.get $f) (i32.const 3))))
        (br $fill)))
    (local.set $ret (call $alloc (i32.const 4) (i32.const 8)))
    (i32.store (local.get $ret) (local.get $list))
    (i32.store offset=4 (local.get $ret) (local.get $count))
    (local.get $ret))

  ;; Index of tool $name in the table, or -1.
  (func $tool_index (param $name i32) (param $nlen i32) (result i32)
    (local $p i32) (local $i i32) (local $len i32) (local $f i32)
    (local.set $p (i32.const 4096))
    (loop $next
      (if (i32.eqz (i32.load8_u (local.get $p))) (then (return (i32.const -1))))
      (local.set $len (call $strlen (local.get $p)))
      (if (i32.and (i32.eq (local.get $len) (local.get $nlen))
                   (call $memeq (local.get $p) (local.get $name) (local.get $nlen)))
        (then (return (local.get $i))))
      (local.set $f (i32.const 0))
      (loop $skip3
        (local.set $p (i32.add (i32.add (local.get $p) (call $strlen (local.get $p))) (i32.const 1)))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br_if $skip3 (i32.lt_u (local.get $f) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))
    (i32.const -1))

  ;; ---- export: call-tool ----

  (func (export "weft:plugin/tools@0.1.0#call-tool")
    (param $name i32) (param $nlen i32) (param $args i32) (param $alen i32) (result i32)
    (local $start i32)
    (block $unknown
      (block $version
      (block $log
        (block $get_env
          (block $http
            (block $write
              (block $read
                (block $grow
                  (block $trap
                    (block $fail
                      (block $compute
                        (block $echo
                          (br_table $echo $compute $fail $trap $grow $read $write $http $get_env $log $version $unknown
                            (call $tool_index (local.get $name) (local.get $nlen))))
                        (return (call $ok (local.get $args) (local.get $alen))))
                      (return (call $tool_compute (local.get $args) (local.get $alen))))
                    (return (call $tool_fail (local.get $args) (local.get $alen))))
                  unreachable)
                (return (call $tool_grow (local.get $args) (local.get $alen))))
              (return (call $tool_read (local.get $args) (local.get $alen))))
            (return (call $tool_write (local.get $args) (local.get $alen))))
          (return (call $tool_http (local.get $args) (local.get $alen))))
        (return (call $tool_get_env (local.get $args) (local.get $alen))))
      (return (call $tool_log (local.get $args) (local.get $alen))))
      (return (call $ok_msg (i32.const 16))))
    (local.set $start (global.get $heap))
    (call $emit_msg (i32.const 0))
    (call $emit (local.get $name) (local.get $nlen))
    (call $err_from (local.get $start)))

  ;; ---- tools ----

  (func $tool_compute (param $args i32) (param $alen i32) (result i32)
    (local $n i32) (local $i i32) (local $x i32) (local $start i32)
    (local.set $n (call $parse_u32 (call $arg (local.get $args) (local.get $alen) (i32.const 0))))
    (if (i32.eq (local.get $n) (i32.const -1)) (then (return (call $bad_arg (i32.const 0)))))
    (local.set $x (i32.const 1))
    (block $done
      (loop $iterate
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iterate)))
    (local.set $start (global.get $heap))
    (call $emit_msg (i32.const 2))
    (call $emit_u32 (local.get $n))
    (call $emit_msg (i32.const 3))
    (call $emit_u32 (local.get $x))
    (call $emit_msg (i32.const 4))
    (call $ok_from (local.get $start)))

  (func $tool_fail (param $args i32) (param $alen i32) (result i32)
    (local $p i32) (local $len i32)
    (call $arg (local.get $args) (local.get $alen) (i32.const 9))
    (local.set $len)
    (local.set $p)
    (if (i32.eq (local.get $len) (i32.const -1))
      (then
        (local.set $p (call $msg (i32.const 15)))
        (local.set $len (call $strlen (local.get $p)))))
    (call $err (local.get $p) (local.get $len)))

  (func $tool_grow (param $args i32) (param $alen i32) (result i32)
    (local $pages i32) (local $previous i32) (local $start i32)
    (local.set $pages (call $parse_u32 (call $arg (local.get $args) (local.get $alen) (i32.const 1))))
    (if (i32.eq (local.get $pages) (i32.const -1)) (then (return (call $bad_arg (i32.const 1)))))
    (local.set $previous (memory.grow (local.get $pages)))
    (local.set $start (global.get $heap))
    (call $emit_msg (i32.const 5))
    (if (i32.eq (local.get $previous) (i32.const -1))
      (then (call $emit_msg (i32.const 6)))
      (else (call $emit_u32 (local.get $previous))))
    (call $emit_msg (i32.const 4))
    (call $ok_from (local.get $start)))

  (func $tool_read (param $args i32) (param $alen i32) (result i32)
    (local $p i32) (local $len i32)
    (call $arg (local.get $args) (local.get $alen) (i32.const 2))
    (local.set $len)
    (local.set $p)
    (if (i32.eq (local.get $len) (i32.const -1)) (then (return (call $bad_arg (i32.const 2)))))
    (call $read_file (local.get $p) (local.get $len) (i32.const 64))
    ;; ok(list<u8>) and err(string) have the same layout: pass either through
    (call $result (i32.load8_u (i32.const 64)) (i32.load (i32.const 68)) (i32.load (i32.const 72))))

  (func $tool_write (param $args i32) (param $alen i32) (result i32)
    (local $path i32) (local $plen i32) (local $body i32) (local $blen i32) (local $start i32)
    (call $arg (local.get $args) (local.get $alen) (i32.const 2))
    (local.set $plen)
    (local.set $path)
    (if (i32.eq (local.get $plen) (i32.const -1)) (then (return (call $bad_arg (i32.const 2)))))
    (call $arg (local.get $args) (local.get $alen) (i32.const 3))
    (local.set $blen)
    (local.set $body)
    (if (i32.eq (local.get $blen) (i32.const -1)) (then (return (call $bad_arg (i32.const 3)))))
    (call $write_file (local.get $path) (local.get $plen) (local.get $body) (local.get $blen) (i32.const 64))
    (if (i32.load8_u (i32.const 64))
      (then (return (call $err (i32.load (i32.const 68)) (i32.load (i32.const 72))))))
    (local.set $start (global.get $heap))
    (call $emit_msg (i32.const 7))
    (call $emit_u32 (local.get $blen))
    (call $emit_msg (i32.const 4))
    (call $ok_from (local.get $start)))

  (func $tool_http (param $args i32) (param $alen i32) (result i32)
    (local $url i32) (local $ulen i32) (local $method i32) (local $mlen i32) (local $body i32) (local $blen i32)
    (local $start i32) (local $h i32) (local $hend i32)
    (call $arg (local.get $args) (local.get $alen) (i32.const 4))
    (local.set $ulen)
    (local.set $url)
    (if (i32.eq (local.get $ulen) (i32.const -1)) (then (return (call $bad_arg (i32.const 4)))))
    (call $arg (local.get $args) (local.get $alen) (i32.const 5))
    (local.set $mlen)
    (local.set $method)
    (if (i32.eq (local.get $mlen) (i32.const -1))
      (then
        (local.set $method (call $msg (i32.const 10)))
        (local.set $mlen (i32.const 3))))
    (call $arg (local.get $args) (local.get $alen) (i32.const 6))
    (local.set $blen)
    (local.set $body)
    (if (i32.eq (local.get $blen) (i32.const -1))
      (then (local.set $body (i32.const 0)) (local.set $blen (i32.const 0))))
    ;; headers: [("user-agent", "weft-echo-wat/0.1")]
    (i32.store (i32.const 128) (call $msg (i32.const 11)))
    (i32.store (i32.const 132) (call $strlen (call $msg (i32.const 11))))
    (i32.store (i32.const 136) (call $msg (i32.const 12)))
    (i32.store (i32.const 140) (call $strlen (call $msg (i32.const 12))))
    (call $http_request
      (local.get $method) (local.get $mlen) (local.get $url) (local.get $ulen)
      (i32.const 128) (i32.const 1) (local.get $body) (local.get $blen)
      (i32.const 64))
    (if (i32.load8_u (i32.const 64))
      (then (return (call $err (i32.load (i32.const 68)) (i32.load (i32.const 72))))))
    ;; "<status>\n" then "<name>: <value>\n" per header, "\n", then the body
    (local.set $start (global.get $heap))
    (call $emit_u32 (i32.load16_u (i32.const 68)))
    (call $emit_msg (i32.const 9))
    (local.set $h (i32.load (i32.const 72)))
    (local.set $hend (i32.add (local.get $h) (i32.shl (i32.load (i32.const 76)) (i32.const 4))))
    (block $headers_done
      (loop $header
        (br_if $headers_done (i32.ge_u (local.get $h) (local.get $hend)))
        (call $emit (i32.load (local.get $h)) (i32.load offset=4 (local.get $h)))
        (call $emit_msg (i32.const 8))
        (call $emit (i32.load offset=8 (local.get $h)) (i32.load offset=12 (local.get $h)))
        (call $emit_msg (i32.const 9))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (br $header)))
    (call $emit_msg (i32.const 9))
    (call $emit (i32.load (i32.const 80)) (i32.load (i32.const 84)))
    (call $ok_from (local.get $start)))

  (func $tool_get_env (param $args i32) (param $alen i32) (result i32)
    (local $name i32) (local $nlen i32) (local $start i32)
    (call $arg (local.get $args) (local.get $alen) (i32.const 7))
    (local.set $nlen)
    (local.set $name)
    (if (i32.eq (local.get $nlen) (i32.const -1)) (then (return (call $bad_arg (i32.const 7)))))
    (call $get_env (local.get $name) (local.get $nlen) (i32.const 64))
    (if (i32.load8_u (i32.const 64))
      (then (return (call $ok (i32.load (i32.const 68)) (i32.load (i32.const 72))))))
    (local.set $start (global.get $heap))
    (call $emit (local.get $name) (local.get $nlen))
    (call $emit_msg (i32.const 13))
    (call $err_from (local.get $start)))

  (func $tool_log (param $args i32) (param $alen i32) (result i32)
    (local $level i32) (local $lp i32) (local $llen i32) (local $m i32) (local $mlen i32) (local $c i32)
    (call $arg (local.get $args) (local.get $alen) (i32.const 9))
    (local.set $mlen)
    (local.set $m)
    (if (i32.eq (local.get $mlen) (i32.const -1)) (then (return (call $bad_arg (i32.const 9)))))
    ;; log-level: trace 0, debug 1, info 2, warn 3, error 4 (told apart by the first letter)
    (local.set $level (i32.const 2))
    (call $arg (local.get $args) (local.get $alen) (i32.const 8))
    (local.set $llen)
    (local.set $lp)
    (if (i32.gt_s (local.get $llen) (i32.const 0))
      (then
        (local.set $c (i32.load8_u (local.get $lp)))
        (if (i32.eq (local.get $c) (i32.const 116)) (then (local.set $level (i32.const 0))))
        (if (i32.eq (local.get $c) (i32.const 100)) (then (local.set $level (i32.const 1))))
        (if (i32.eq (local.get $c) (i32.const 119)) (then (local.set $level (i32.const 3))))
        (if (i32.eq (local.get $c) (i32.const 101)) (then (local.set $level (i32.const 4))))))
    (call $log (local.get $level) (local.get $m) (local.get $mlen))
    (call $ok_msg (i32.const 14)))
)
