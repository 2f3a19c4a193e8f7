import type { Role } from '../../prisma/generated/enums.js';

/** The roles as the API names them to people. */
export const ROLE_NAMES: Record<Role, string> = {
  city_admin: '市局管理员',
  city_supervisor: '市局督导人员',
  unit_officer: '实施单位工作人员',
  enterprise_user: '企业用户',
  service: '系统服务',
};

export const ROLES = Object.keys(ROLE_NAMES) as [Role, ...Role[]];
