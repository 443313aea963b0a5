"""Ground truth for the text format tests, from Python protobuf (the text format TensorFlow writes).

Loads test/textformat/testdata/kinds.json (the protobufjs descriptor of kinds.proto) into
protobuf's default descriptor pool, builds messages with every field kind and edge value, and
writes, per message: its binary form and its text in the forms TensorFlow writes:
text_format.MessageToString with as_utf8 False and True (protobuf >= 7 defaults to True), str()
(upb's own text encoder) and, where protobuf still has it, MessageToString(float_format='') as
tf.io.write_graph used it before TF 2.21. Also parses a list of text snippets (accepted ones give their binary form; rejected ones
give Python's error message).

Run: <venv>/bin/python interop/gen/textformat_kinds.py   (writes
test/fixtures/tf-generated/textformat/kinds_cases.json)
"""
import json
import math
import os
import random
import struct
import sys

import google.protobuf
from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, message_factory, text_format

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DESCRIPTOR_JSON = os.path.join(ROOT, 'test', 'textformat', 'testdata', 'kinds.json')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'tf-generated', 'textformat',
                   'kinds_cases-protobuf%s.json' % google.protobuf.__version__)

SCALAR_TYPES = {
    'double': 1, 'float': 2, 'int64': 3, 'uint64': 4, 'int32': 5, 'fixed64': 6, 'fixed32': 7,
    'bool': 8, 'string': 9, 'bytes': 12, 'uint32': 13, 'sfixed32': 15, 'sfixed64': 16,
    'sint32': 17, 'sint64': 18,
}
TYPE_MESSAGE, TYPE_ENUM = 11, 14


def camel(name):
  return ''.join(p[:1].upper() + p[1:] for p in name.split('_'))


def build_file(desc):
  """A FileDescriptorProto for the tftest package of a protobufjs JSON descriptor."""
  pkg = desc['nested']['tftest']['nested']
  enums = set()

  def collect(scope, nested):
    for name, node in nested.items():
      full = scope + '.' + name
      if 'values' in node:
        enums.add(full)
      collect(full, node.get('nested', {}))

  collect('.tftest', pkg)

  def resolve(scope, type_name):
    if type_name.startswith('google.'):
      return '.' + type_name
    parts = scope.split('.')
    while parts:
      cand = '.'.join(parts) + '.' + type_name
      if cand in enums or cand in messages:
        return cand
      parts.pop()
    raise KeyError(type_name)

  messages = set()

  def collect_msgs(scope, nested):
    for name, node in nested.items():
      full = scope + '.' + name
      if 'fields' in node:
        messages.add(full)
      collect_msgs(full, node.get('nested', {}))

  collect_msgs('.tftest', pkg)

  def set_type(field, scope, type_name):
    if type_name in SCALAR_TYPES:
      field.type = SCALAR_TYPES[type_name]
    else:
      full = resolve(scope, type_name)
      field.type = TYPE_ENUM if full in enums else TYPE_MESSAGE
      field.type_name = full

  def add_enum(target, name, node):
    e = target.add(name=name)
    for vname, number in node['values'].items():
      e.value.add(name=vname, number=number)

  def add_message(target, name, node, scope):
    m = target.add(name=name)
    full = scope + '.' + name
    oneof_index = {}
    synthetic = []
    for oname, o in node.get('oneofs', {}).items():
      if oname.startswith('_'):
        synthetic.append((oname, o))
        continue
      oneof_index.update({f: len(m.oneof_decl) for f in o['oneof']})
      m.oneof_decl.add(name=oname)
    for oname, o in synthetic:
      oneof_index.update({f: len(m.oneof_decl) for f in o['oneof']})
      m.oneof_decl.add(name=oname)
    for fname, f in node['fields'].items():
      fd = m.field.add(name=fname, number=f['id'], json_name=fname)
      if 'keyType' in f:
        entry = m.nested_type.add(name=camel(fname) + 'Entry')
        entry.options.map_entry = True
        k = entry.field.add(name='key', number=1, label=1, json_name='key')
        set_type(k, full, f['keyType'])
        v = entry.field.add(name='value', number=2, label=1, json_name='value')
        set_type(v, full, f['type'])
        fd.label = 3
        fd.type = TYPE_MESSAGE
        fd.type_name = full + '.' + entry.name
        continue
      fd.label = 3 if f.get('rule') == 'repeated' else 1
      set_type(fd, full, f['type'])
      opts = f.get('options', {})
      if 'packed' in opts:
        fd.options.packed = opts['packed']
      if opts.get('proto3_optional'):
        fd.proto3_optional = True
      if fname in oneof_index:
        fd.oneof_index = oneof_index[fname]
    for cname, child in node.get('nested', {}).items():
      if 'values' in child:
        add_enum(m.enum_type, cname, child)
      else:
        add_message(m.nested_type, cname, child, full)

  fdp = descriptor_pb2.FileDescriptorProto(name='tftest/kinds.proto', package='tftest', syntax='proto3')
  fdp.dependency.append('google/protobuf/any.proto')
  for name, node in pkg.items():
    if 'values' in node:
      add_enum(fdp.enum_type, name, node)
    else:
      add_message(fdp.message_type, name, node, '.tftest')
  return fdp


with open(DESCRIPTOR_JSON) as f:
  file_proto = build_file(json.load(f))
pool = descriptor_pool.Default()
pool.Add(file_proto)
Kinds = message_factory.GetMessageClass(pool.FindMessageTypeByName('tftest.Kinds'))
Inner = message_factory.GetMessageClass(pool.FindMessageTypeByName('tftest.Inner'))

rng = random.Random(20240531)


def f32(bits):
  return struct.unpack('<f', struct.pack('<I', bits))[0]


def random_float32():
  while True:
    x = f32(rng.getrandbits(32))
    if not math.isnan(x):
      return x


def random_double():
  while True:
    x = struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0]
    if not math.isnan(x):
      return x


def pack(msg):
  a = any_pb2.Any()
  a.Pack(msg)
  return a


cases = []


def case(name, msg):
  c = {
      'name': name,
      'binary': msg.SerializeToString(deterministic=True).hex(),
      'ascii': text_format.MessageToString(msg, as_utf8=False),
      'utf8': text_format.MessageToString(msg, as_utf8=True),
      'str': str(msg),
  }
  try:
    c['floatRepr'] = text_format.MessageToString(msg, float_format='')
  except TypeError:
    pass  # protobuf >= 7 dropped float_format
  cases.append(c)


case('empty', Kinds())
case('scalars max', Kinds(i32=2**31 - 1, i64=2**63 - 1, u32=2**32 - 1, u64=2**64 - 1, s32=2**31 - 1,
                          s64=2**63 - 1, f32=2**32 - 1, f64=2**64 - 1, sf32=2**31 - 1, sf64=2**63 - 1,
                          fl=3.4028234663852886e38, db=1.7976931348623157e308, b=True))
case('scalars min', Kinds(i32=-2**31, i64=-2**63, u32=1, u64=1, s32=-2**31, s64=-2**63, f32=1, f64=1,
                          sf32=-2**31, sf64=-2**63, fl=-1.401298464324817e-45, db=-5e-324))
case('special floats', Kinds(fl=float('inf'), db=float('-inf'),
                             rf=[float('nan'), float('inf'), float('-inf'), -0.0, 0.0, 1.0, 0.1, 0.3, 1e-7,
                                 123456789.0, 16777217.0, 1e16, 1e-5, 1e-4, 3.4e38, 1.17549435e-38],
                             rd=[float('nan'), float('inf'), -0.0, 0.0, 1.0, 0.1, 1e16, 1e15, 1234567890123456.0,
                                 1e-4, 1e-5, 5e-324, 2.5e-308, 1.7976931348623157e308, 0.30000000000000004,
                                 123.456, -2.0, 1e22, 1e21, 9007199254740993.0]))
case('random floats', Kinds(rf=[random_float32() for _ in range(300)]))
case('random doubles', Kinds(rd=[random_double() for _ in range(300)]))
case('decimal-ish floats', Kinds(rf=[rng.randint(-10**6, 10**6) / 10**rng.randint(0, 8) for _ in range(200)],
                                 rd=[rng.randint(-10**9, 10**9) / 10**rng.randint(0, 12) for _ in range(200)]))
all_bytes = bytes(range(256))
case('strings', Kinds(s='tab\there "q" \'s\' back\\slash nl\n cr\r nul\0 bell\a del\x7f é 中文 😀 \uffff',
                      by=all_bytes, rs=['', 'plain', '\x01\x1f', 'é', '😀'], rby=[b'', b'\x00', b'\xff\xfe', b'"\'\\']))
case('enums', Kinds(color=2, rcolor=[0, 1, 2, -1, 7, -5]))
case('messages', Kinds(inner=Inner(name='outer', children=[Inner(name='a'), Inner(), Inner(children=[Inner(name='deep')])],
                                   nested=Inner.Nested(mode=1, weight=0.25)),
                       rinner=[Inner(), Inner(name='x', nested=Inner.Nested())]))
m = Kinds()
for k in ['b', 'a', '', 'é', '\uffff', '😀', 'Z', 'aa', '\x7f']:
  m.msi[k].name = k
for k in [5, -1, 0, 2**63 - 1, -2**63, 10, 3]:
  m.mis[k] = str(k)
m.mbi[True] = 1
m.mbi[False] = 0
for k in [2**64 - 1, 0, 7, 2**32]:
  m.mub[k] = bytes([k % 256])
for k in [3, -3, 0, 100]:
  m.mic[k] = [0, 1, 2, -1][k % 4]
m.msd['zero'] = 0.0
m.msd['neg'] = -0.0
m.msd['x'] = 0.1
case('maps', m)
case('oneof int zero', Kinds(oi=0))
case('oneof string empty', Kinds(os=''))
case('oneof message empty', Kinds(om=Inner()))
case('oneof message', Kinds(om=Inner(name='om')))
case('optional zero', Kinds(opt=0))
case('optional set', Kinds(opt=-7))
case('any known', Kinds(any=pack(Inner(name='packed', nested=Inner.Nested(weight=1.5))),
                        rany=[pack(Kinds(fl=0.1, i64=-1)), pack(Inner())]))
case('any unknown type', Kinds(any=any_pb2.Any(type_url='type.googleapis.com/foo.Bar', value=b'\x08\x01')))
case('any no slash', Kinds(any=any_pb2.Any(type_url='tftest.Inner', value=b'\n\x01a')))
case('any empty', Kinds(any=any_pb2.Any()))
case('repeated scalars', Kinds(ri64=[0, -1, 2**62], rb=[True, False, True], ru32=[0, 2**32 - 1],
                               rs64=[-2**63, 0, 2**63 - 1], rf64=[0, 2**64 - 1]))

# Text the parser must accept, with what Python parses it into.
PARSE_OK = [
    'i32: 1 i64: -2',
    'i32: 0x7fffffff u32: 0xFFFFFFFF i64: -0x8000000000000000 u64: 0xffffffffffffffff',
    'i32: 017 s32: -010 u64: 0',
    '# comment\ni32: 1 # trailing\n# another\n',
    'inner { name: "a" } inner2_absent_check: 1' if False else 'inner { name: "a" }',
    'inner: { name: "a" }',
    'inner < name: "a" >',
    'inner: < name: \'single\' >',
    'rinner [{ name: "a" }, { name: "b" }]',
    'rinner: [{ name: "a" }, < name: "b" >]',
    'ri64: [1, -2, 3] ri64: 4',
    'ri64: []',
    'rs: ["a", \'b\'] rs: "c" "d" \'e\'',
    's: "a" "b"\n  "c"',
    's: "\\a\\b\\f\\n\\r\\t\\v\\\\\\\'\\"" by: "\\0\\01\\012\\377\\x0\\xff\\x41"',
    's: "\\303\\251" by: "\\u00e9\\U0001F600"',
    's: "é😀"',
    'fl: 1 db: -2',
    'fl: 1.5 db: .5',
    'fl: 1e3 db: 1E-3',
    'fl: 1.5f db: 2.5f',
    'fl: inf db: -inf rf: [nan, -nan, Infinity, -infinity, INF, NaN]',
    'fl: 0.1 db: 0.1 rf: 3.4028235e38 rf: 1e-46',
    'b: true rb: [false, t, f, True, False, 1, 0]',
    'color: GREEN rcolor: [RED, 2, -1, 7, NEGATIVE]',
    'msi { key: "k" value { name: "v" } } msi { key: "k" value { name: "w" } } msi { value {} } msi { key: "only" }',
    'mis { key: -5 value: "neg" } mis { key: 9223372036854775807 } mis {}',
    'mbi { key: true value: 3 } mbi: { key: false }',
    'mub [{ key: 18446744073709551615 value: "\\001" }, { key: 1 }]',
    'mic { key: -1 value: NEGATIVE } msd { key: "z" value: -0.0 }',
    'oi: 0', 'os: ""', 'om {}', 'opt: 0',
    'i32: 1, i64: 2; u32: 3',
    'any { [type.googleapis.com/tftest.Inner] { name: "x" } }',
    'any { [type.googleapis.com/tftest.Inner]: < name: "x" > }',
    'rany [{ [type.googleapis.com/tftest.Kinds] { i32: 5 any { [type.googleapis.com/tftest.Inner] {} } } }, {}]',
    'any { type_url: "type.googleapis.com/tftest.Inner" value: "\\n\\001x" }',
    'inner { nested { mode: MODE_ON weight: 2 } }',
    'i32:1 i64:2',
    '',
    '   \n\t# only a comment',
]
# Text the parser must reject.
PARSE_ERR = [
    'nope: 1',
    'i32: 2147483648',
    'i32: -2147483649',
    'u32: -1',
    'u64: 18446744073709551616',
    'i64: 9223372036854775808',
    'i32: 1.5',
    'i32 1',
    'inner { name: "a" ',
    'inner { name: "a" >',
    'color: PURPLE',
    'b: yes',
    'b: 2',
    's: 5',
    's: "unterminated',
    'i32: 1 i32: 2',
    'inner {} inner {}',
    'oi: 1 os: "x"',
    'any { [type.googleapis.com/tftest.Missing] {} }',
    'inner { [type.googleapis.com/tftest.Inner] {} }',
    'fl: abc',
    'i32: 0x',
    'i32: 09',
    's: "line\nbreak"',
    '{',
    'i32: 1 }',
    'inner { name: "x" } \n  \n  inner { nested { mode: MODE_SIDEWAYS } }',
]

parse_cases = []
for text in PARSE_OK:
  msg = Kinds()
  try:
    text_format.Parse(text, msg)
  except text_format.ParseError as e:
    raise SystemExit('Python rejected %r: %s' % (text, e))
  parse_cases.append({'text': text, 'binary': msg.SerializeToString(deterministic=True).hex()})
error_cases = []
for text in PARSE_ERR:
  try:
    text_format.Parse(text, Kinds())
  except text_format.ParseError as e:
    error_cases.append({'text': text, 'error': str(e), 'line': e.GetLine(), 'column': e.GetColumn()})
  else:
    raise SystemExit('Python accepted: %r' % text)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as f:
  json.dump({'generator': 'interop/gen/textformat_kinds.py', 'python': sys.version.split()[0],
             'protobuf': google.protobuf.__version__,
             'defaultAsUtf8': text_format.MessageToString(Kinds(s='\u00e9')) == 's: "\u00e9"\n', 'cases': cases, 'parse': parse_cases,
             'errors': error_cases}, f, indent=1, ensure_ascii=False)
  f.write('\n')
print('wrote %d print cases, %d parse cases, %d error cases to %s' % (
    len(cases), len(parse_cases), len(error_cases), os.path.relpath(OUT, ROOT)))
