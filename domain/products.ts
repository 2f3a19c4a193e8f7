export interface ProductCategoryDefinition {
  code: string;
  name: string;
  order: number;
  origin: 'national' | 'shanghai';
  products: readonly string[];
}

/**
 * Key product categories of the 2023 Shanghai campaign, in the row order of its statistics
 * table: the 18 national categories, then the 2 the city added.
 */
export const SHANGHAI_2023_PRODUCT_CATEGORIES: readonly ProductCategoryDefinition[] = [
  {
    code: 'hazardous_chemicals',
    name: '危险化学品',
    order: 1,
    origin: 'national',
    // The Shanghai notice prints 液氮; the national list it copies has 液氯, taken as authoritative.
    products: ['溶解乙炔', '工业过氧化氢', '六氟化硫', '丙烯酸', '环氧乙烷', '液氯'],
  },
  {
    code: 'road_tankers',
    name: '危险化学品车载常压罐体',
    order: 2,
    origin: 'national',
    products: [],
  },
  { code: 'cement', name: '水泥', order: 3, origin: 'national', products: [] },
  { code: 'wires_cables', name: '电线电缆', order: 4, origin: 'national', products: [] },
  { code: 'fertiliser', name: '化肥', order: 5, origin: 'national', products: [] },
  {
    code: 'fire_products',
    name: '消防产品',
    order: 6,
    origin: 'national',
    products: [
      '灭火器',
      '灭火毯',
      '灭火贴',
      '逃生缓降器',
      '过滤式消防自救呼吸器',
      '消防应急标志灯具',
      '消防应急照明灯具',
    ],
  },
  { code: 'refined_oil', name: '成品油', order: 7, origin: 'national', products: [] },
  {
    code: 'explosion_proof_electrical',
    name: '防爆电气',
    order: 8,
    origin: 'national',
    products: [],
  },
  { code: 'ebikes', name: '电动自行车', order: 9, origin: 'national', products: [] },
  {
    code: 'ebike_chargers_batteries',
    name: '电动自行车充电器和电池',
    order: 10,
    origin: 'national',
    products: [],
  },
  {
    code: 'ebike_helmets',
    name: '电动自行车乘员头盔',
    order: 11,
    origin: 'national',
    products: [],
  },
  {
    code: 'gas_appliances',
    name: '燃气用品',
    order: 12,
    origin: 'national',
    products: [
      '家用燃气灶',
      '家用燃气快速热水器',
      '燃气采暖热水炉',
      '燃气调压器',
      '燃气用不锈钢波纹软管',
      '燃气泄漏报警器',
    ],
  },
  { code: 'fireworks', name: '烟花爆竹', order: 13, origin: 'national', products: [] },
  {
    code: 'elderly_products',
    name: '老年用品',
    order: 14,
    origin: 'national',
    // 淋浴辅助器 as in the national list; the Shanghai notice prints 沐浴辅助器 for the same item.
    products: [
      '老年内衣',
      '老人鞋类',
      '老视成镜',
      '老年手机',
      '成人纸尿裤',
      '电热毯',
      '坐便椅',
      '淋浴辅助器',
    ],
  },
  {
    code: 'paper_food_packaging',
    name: '食品用纸包装和容器等制品',
    order: 15,
    origin: 'national',
    products: [],
  },
  {
    code: 'electric_food_equipment',
    name: '电热食品加工设备',
    order: 16,
    origin: 'national',
    products: [],
  },
  { code: 'agricultural_film', name: '农用地膜', order: 17, origin: 'national', products: [] },
  { code: 'safety_helmets', name: '安全帽', order: 18, origin: 'national', products: [] },
  {
    code: 'oil_like_chemicals',
    name: '与成品油性质相近的化工产品',
    order: 19,
    origin: 'shanghai',
    products: ['工业润滑油', '工业用裂解碳九', '有机热载体', '石脑油', '工业白油'],
  },
  {
    code: 'children_student_products',
    name: '儿童学生用品',
    order: 20,
    origin: 'shanghai',
    products: ['乘骑车辆玩具', '奶瓶奶嘴', '书写笔'],
  },
];
