/**
 * A query as text and as rows, both ways: what a server reads (`+` a space, `%xx` decoded), `{{variables}}` left as
 * written, and the text form stable when read and written again. The URL field and the Query table rely on it, and so
 * do the `.http` files' request lines.
 */
import { describe, expect, it } from 'vitest';
import { joinQuery, splitQuery } from '../../src-shared/query-text';

const row = (name: string, value: string, enabled = true) => ({ name, value, enabled });

describe('reading a query', () => {
  it.each<[string, ReturnType<typeof row>[]]>([
    ['?a=1&b=two', [row('a', '1'), row('b', 'two')]],
    ['q=a+b', [row('q', 'a b')]],
    ['q=a%2Bb&r=%E2%82%AC', [row('q', 'a+b'), row('r', '€')]],
    ['flag&x=', [row('flag', ''), row('x', '')]],
    ['a=1&&b=2', [row('a', '1'), row('b', '2')]],
    ['id={{id}}&bad=%zz', [row('id', '{{id}}'), row('bad', '%zz')]],
    ['', []],
  ])('%s', (text, rows) => {
    expect(splitQuery(text)).toEqual(rows);
  });
});

describe('writing a query', () => {
  it('encodes what a query cannot carry as typed, keeps variables, and leaves out disabled and unnamed rows', () => {
    expect(joinQuery([row('q', 'a b&c=d'), row('plus', '1+1'), row('id', '{{id}}'), row('off', '1', false), row('', 'x'), row('path', '/a:b@c')])).toBe(
      'q=a%20b%26c%3Dd&plus=1%2B1&id={{id}}&path=/a:b@c',
    );
  });

  it('reads back what it wrote', () => {
    const rows = [row('q', 'a b+c%d'), row('€', '{{v}} and more'), row('empty', '')];
    expect(splitQuery(joinQuery(rows))).toEqual(rows);
    expect(joinQuery(splitQuery(joinQuery(rows)))).toBe(joinQuery(rows));
  });
});
