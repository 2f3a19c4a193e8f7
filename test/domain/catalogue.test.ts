import { describe, it, expect } from 'vitest';

import { SHANGHAI_2023_PRODUCT_CATEGORIES } from '../../domain/products.js';
import { ALL_UNITS, CITY_DIVISION, IMPLEMENTING_UNITS } from '../../domain/units.js';

describe('units', () => {
  it('lists the 18 implementing units', () => {
    expect(IMPLEMENTING_UNITS).toHaveLength(18);
    expect(IMPLEMENTING_UNITS.filter((u) => u.kind === 'district')).toHaveLength(16);
    expect(IMPLEMENTING_UNITS.filter((u) => u.kind === 'special_zone').map((u) => u.code)).toEqual([
      'lingang',
      'airport',
    ]);
  });

  it('puts the city division first in ALL_UNITS', () => {
    expect(ALL_UNITS).toHaveLength(19);
    expect(ALL_UNITS[0]).toBe(CITY_DIVISION);
    expect(CITY_DIVISION.kind).toBe('city_division');
  });

  it('has unique, slug-like codes and unique names', () => {
    const codes = ALL_UNITS.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    const names = ALL_UNITS.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    const shortNames = ALL_UNITS.map((u) => u.shortName);
    expect(new Set(shortNames).size).toBe(shortNames.length);
  });

  it('names 浦东新区 and 崇明 correctly', () => {
    const pudong = IMPLEMENTING_UNITS.find((u) => u.code === 'pudong');
    expect(pudong?.name).toBe('浦东新区市场监督管理局');
    expect(pudong?.shortName).toBe('浦东新区');
    expect(IMPLEMENTING_UNITS.find((u) => u.code === 'chongming')?.name).toBe(
      '崇明区市场监督管理局',
    );
    expect(IMPLEMENTING_UNITS[0]?.name).toBe('黄浦区市场监督管理局');
  });

  it('has strictly increasing order fields', () => {
    for (let i = 1; i < ALL_UNITS.length; i++) {
      expect(ALL_UNITS[i]!.order).toBeGreaterThan(ALL_UNITS[i - 1]!.order);
    }
  });
});

describe('product categories', () => {
  const byName = (name: string) => SHANGHAI_2023_PRODUCT_CATEGORIES.find((c) => c.name === name);

  it('lists 20 categories with unique codes and orders 1..20', () => {
    expect(SHANGHAI_2023_PRODUCT_CATEGORIES).toHaveLength(20);
    const codes = SHANGHAI_2023_PRODUCT_CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(20);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(SHANGHAI_2023_PRODUCT_CATEGORIES.map((c) => c.order)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const names = SHANGHAI_2023_PRODUCT_CATEGORIES.map((c) => c.name);
    expect(new Set(names).size).toBe(20);
  });

  it('has 18 national categories followed by the 2 Shanghai additions', () => {
    const origins = SHANGHAI_2023_PRODUCT_CATEGORIES.map((c) => c.origin);
    expect(origins.slice(0, 18).every((o) => o === 'national')).toBe(true);
    expect(origins.slice(18)).toEqual(['shanghai', 'shanghai']);
    expect(SHANGHAI_2023_PRODUCT_CATEGORIES[0]?.name).toBe('危险化学品');
    expect(SHANGHAI_2023_PRODUCT_CATEGORIES[19]?.name).toBe('儿童学生用品');
  });

  it('uses 液氯, not 液氮, for hazardous chemicals', () => {
    const products = byName('危险化学品')?.products;
    expect(products).toContain('液氯');
    expect(products).not.toContain('液氮');
  });

  it('lists the 6 gas appliance products', () => {
    expect(byName('燃气用品')?.products).toEqual([
      '家用燃气灶',
      '家用燃气快速热水器',
      '燃气采暖热水炉',
      '燃气调压器',
      '燃气用不锈钢波纹软管',
      '燃气泄漏报警器',
    ]);
  });
});
