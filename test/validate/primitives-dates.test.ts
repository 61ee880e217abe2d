// checkPrimitive for date, dateTime, instant and time: shapes, calendar ranges, leap years, timezones.
import { describe, expect, it } from 'vitest';
import { checkPrimitive } from '../../src/validate/primitives/index.js';

type Row = [type: string, value: string, messageId: string | undefined, part?: string];

const rows: Row[] = [
  // date: the three precisions
  ['date', '2019', undefined],
  ['date', '2019-02', undefined],
  ['date', '2019-02-28', undefined],
  // leap years: divisible by 4, except centuries, except every 400 years
  ['date', '2024-02-29', undefined],
  ['date', '2000-02-29', undefined],
  ['date', '1900-02-29', 'invalidDate', 'day'],
  ['date', '2019-02-29', 'invalidDate', 'day'],
  ['date', '2019-02-30', 'invalidDate', 'day'],
  ['date', '2019-04-31', 'invalidDate', 'day'],
  ['date', '2019-12-31', undefined],
  ['date', '2019-01-00', 'invalidDate', 'day'],
  ['date', '2019-13-01', 'invalidDate', 'month'],
  ['date', '2019-00', 'invalidDate', 'month'],
  ['date', '0000', 'invalidDate', 'year'],
  ['date', '2019-1-1', 'invalidFormat'],
  ['date', '19-01-01', 'invalidFormat'],
  ['date', '2019-01-01T10:00:00Z', 'invalidFormat'], // a date never has a time
  ['date', '2019-01-01Z', 'invalidFormat'],
  ['date', ' 2019', 'invalidFormat'],
  ['date', '1750-06-01', 'unreasonableYear'],
  ['date', '2150', 'unreasonableYear'],

  // dateTime: any date precision, or a full time with seconds and a timezone
  ['dateTime', '2019', undefined],
  ['dateTime', '2019-01-01', undefined],
  ['dateTime', '2019-01-01T10:00:00Z', undefined],
  ['dateTime', '2019-01-01T10:00:00.123456+01:00', undefined],
  ['dateTime', '2019-01-01T23:59:60Z', undefined], // leap second, as the spec regex allows
  ['dateTime', '2019-01-01T10:00', 'invalidFormat'], // no seconds (the Java validator rejects this too)
  ['dateTime', '2019-01-01T10:00Z', 'invalidFormat'],
  ['dateTime', '2019-01-01T10:00:00', 'missingTimezone'],
  ['dateTime', '2019-01-01T10:00:00.5', 'missingTimezone'],
  ['dateTime', '2019-01-01T24:00:00Z', 'invalidDate', 'hour'],
  ['dateTime', '2019-01-01T10:60:00Z', 'invalidDate', 'minute'],
  ['dateTime', '2019-01-01T10:00:61Z', 'invalidDate', 'second'],
  ['dateTime', '2019-02-29T10:00:00Z', 'invalidDate', 'day'],
  ['dateTime', '2019-01-01T10:00:00+14:00', undefined],
  ['dateTime', '2019-01-01T10:00:00-14:00', undefined],
  ['dateTime', '2019-01-01T10:00:00+13:59', undefined],
  ['dateTime', '2019-01-01T10:00:00+14:30', 'invalidDate', 'timezone'],
  ['dateTime', '2019-01-01T10:00:00+15:00', 'invalidDate', 'timezone'],
  ['dateTime', '2019-01-01T10:00:00+05:60', 'invalidDate', 'timezone'],
  ['dateTime', '2019-01-01T10:00:00+0100', 'invalidFormat'],
  ['dateTime', '2019-01-01 10:00:00Z', 'invalidFormat'],
  ['dateTime', '2019-01-01T10:00:00.Z', 'invalidFormat'],
  ['dateTime', '2019-01-01t10:00:00z', 'invalidFormat'],

  // instant: always full precision to seconds, always a timezone
  ['instant', '2015-02-07T13:28:17.239+02:00', undefined],
  ['instant', '2017-01-01T00:00:00Z', undefined],
  ['instant', '2017-01-01', 'invalidFormat'],
  ['instant', '2017-01', 'invalidFormat'],
  ['instant', '2017-01-01T00:00Z', 'invalidFormat'],
  ['instant', '2017-01-01T00:00:00', 'missingTimezone'],
  ['instant', '2017-02-29T00:00:00Z', 'invalidDate', 'day'],
  ['instant', '2017-01-01T00:00:00+15:00', 'invalidDate', 'timezone'],
  ['instant', '1066-10-14T09:00:00Z', 'unreasonableYear'],

  // time: hh:mm:ss with optional fraction, no timezone
  ['time', '00:00:00', undefined],
  ['time', '23:59:59.999', undefined],
  ['time', '23:59:60', undefined],
  ['time', '24:00:00', 'invalidTime', 'hour'],
  ['time', '12:60:00', 'invalidTime', 'minute'],
  ['time', '12:00:61', 'invalidTime', 'second'],
  ['time', '12:00', 'invalidFormat'],
  ['time', '12:00:00Z', 'invalidFormat'],
  ['time', '1:00:00', 'invalidFormat'],
];

describe('checkPrimitive: dates and times', () => {
  it.each(rows)('%s %j -> %s %s', (type, value, messageId, part) => {
    const result = checkPrimitive(type, value);
    expect(result?.messageId).toBe(messageId);
    if (part) expect(result?.data?.part).toBe(part);
  });

  it('reports an implausible year as a warning, every other date problem as an error', () => {
    expect(checkPrimitive('date', '1750')?.severity).toBe('warning');
    expect(checkPrimitive('date', '1750')?.data?.year).toBe(1750);
    expect(checkPrimitive('date', '2019-02-29')?.severity).toBeUndefined();
    expect(checkPrimitive('dateTime', '2019-01-01T10:00:00')?.severity).toBeUndefined();
  });

  it.each(['date', 'dateTime', 'instant', 'time'])('%s: a non-string JSON value is wrongJsonType', (type) => {
    expect(checkPrimitive(type, 20190101)).toMatchObject({ messageId: 'wrongJsonType', data: { expected: 'string' } });
    expect(checkPrimitive(type, '')?.messageId).toBe('emptyValue');
  });
});
