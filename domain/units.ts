export type UnitKind = 'city_division' | 'district' | 'special_zone';

export interface UnitDefinition {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  order: number;
}

/** The organising division of the city bureau; it also records city-level work. */
export const CITY_DIVISION: UnitDefinition = {
  code: 'city',
  name: '上海市市场监督管理局产品质量安全监督管理处',
  shortName: '市局质量处',
  kind: 'city_division',
  order: 0,
};

const district = (code: string, shortName: string, order: number): UnitDefinition => ({
  code,
  name: `${shortName}${shortName.endsWith('区') ? '' : '区'}市场监督管理局`,
  shortName,
  kind: 'district',
  order,
});

/** The 18 implementing units (实施单位), in the order the city lists them. */
export const IMPLEMENTING_UNITS: readonly UnitDefinition[] = [
  district('huangpu', '黄浦', 1),
  district('xuhui', '徐汇', 2),
  district('changning', '长宁', 3),
  district('jingan', '静安', 4),
  district('putuo', '普陀', 5),
  district('hongkou', '虹口', 6),
  district('yangpu', '杨浦', 7),
  district('minhang', '闵行', 8),
  district('baoshan', '宝山', 9),
  district('jiading', '嘉定', 10),
  district('pudong', '浦东新区', 11),
  district('jinshan', '金山', 12),
  district('songjiang', '松江', 13),
  district('qingpu', '青浦', 14),
  district('fengxian', '奉贤', 15),
  district('chongming', '崇明', 16),
  {
    code: 'lingang',
    name: '临港新片区市场监管局',
    shortName: '临港新片区',
    kind: 'special_zone',
    order: 17,
  },
  {
    code: 'airport',
    name: '市局机场分局',
    shortName: '机场分局',
    kind: 'special_zone',
    order: 18,
  },
];

export const ALL_UNITS: readonly UnitDefinition[] = [CITY_DIVISION, ...IMPLEMENTING_UNITS];
