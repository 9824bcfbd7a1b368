/**
 * Where the org tree's communities (and streets) lie: one centroid per unit, so that matching and vacancies
 * can measure distances from a place the operator or employer names, without anyone typing coordinates.
 *
 * One list, read by both services that need it: the hotline's migration 1765100000000 copies it into
 * `org_units` (the org tree stays the source every screen and scope check reads), and the jobs service reads it
 * when an employer posts a vacancy by community (reference data changes only with a release, and jobs does
 * not call the hotline at run time). A correction here needs a new hotline migration that copies it again.
 *
 * Approximate WGS-84 centres of the demo units, good to a few hundred metres: enough to rank vacancies by
 * distance, never shown on a screen. Every seeded community has one; every seeded street too, for vacancies
 * posted in a street whose communities are not in the tree yet.
 */
export interface Centroid {
  lat: number;
  lng: number;
}

export const ORG_UNIT_CENTROIDS: Readonly<Record<string, Centroid>> = {
  // Communities
  '510107003001': { lat: 30.6338, lng: 104.0598 }, // 玉林北路社区
  '510107003002': { lat: 30.6309, lng: 104.0652 }, // 玉林东路社区
  '510104003001': { lat: 30.6572, lng: 104.0823 }, // 和平街社区
  // Streets of 锦江区
  '510104001': { lat: 30.6532, lng: 104.0722 }, // 督院街
  '510104002': { lat: 30.6528, lng: 104.0778 }, // 盐市口
  '510104003': { lat: 30.6561, lng: 104.0812 }, // 春熙路
  '510104004': { lat: 30.6612, lng: 104.0853 }, // 书院街
  '510104005': { lat: 30.6441, lng: 104.0868 }, // 合江亭
  '510104006': { lat: 30.6502, lng: 104.0948 }, // 水井坊
  '510104007': { lat: 30.6452, lng: 104.1051 }, // 牛市口
  '510104008': { lat: 30.6331, lng: 104.1062 }, // 沙河
  '510104009': { lat: 30.6283, lng: 104.1228 }, // 狮子山
  '510104010': { lat: 30.6129, lng: 104.1297 }, // 成龙路
  '510104011': { lat: 30.5902, lng: 104.1302 }, // 三圣
  // Streets of 青羊区
  '510105001': { lat: 30.6683, lng: 104.0561 }, // 少城
  '510105002': { lat: 30.6771, lng: 104.0698 }, // 草市街
  '510105003': { lat: 30.6618, lng: 104.0322 }, // 草堂
  '510105004': { lat: 30.6762, lng: 104.0352 }, // 府南
  '510105005': { lat: 30.6748, lng: 104.0003 }, // 光华
  '510105006': { lat: 30.6852, lng: 104.0148 }, // 金沙
  '510105007': { lat: 30.6801, lng: 103.9752 }, // 黄田坝
  '510105008': { lat: 30.6697, lng: 103.9802 }, // 苏坡
  '510105009': { lat: 30.6752, lng: 103.9503 }, // 文家
  // Streets of 金牛区
  '510106001': { lat: 30.6851, lng: 104.0452 }, // 西安路
  '510106002': { lat: 30.6902, lng: 104.0731 }, // 人民北路
  '510106003': { lat: 30.6981, lng: 104.0798 }, // 荷花池
  '510106004': { lat: 30.7003, lng: 104.0932 }, // 驷马桥
  '510106005': { lat: 30.6979, lng: 104.0228 }, // 茶店子
  '510106006': { lat: 30.6882, lng: 104.0331 }, // 抚琴
  '510106007': { lat: 30.7091, lng: 104.0542 }, // 九里堤
  '510106008': { lat: 30.7121, lng: 104.0751 }, // 五块石
  '510106009': { lat: 30.6948, lng: 104.0382 }, // 营门口
  '510106010': { lat: 30.7152, lng: 104.0049 }, // 金泉
  '510106011': { lat: 30.7251, lng: 104.0352 }, // 沙河源
  '510106012': { lat: 30.7548, lng: 104.1051 }, // 天回镇
  // Streets of 武侯区
  '510107001': { lat: 30.6441, lng: 104.0482 }, // 浆洗街
  '510107002': { lat: 30.6322, lng: 104.0851 }, // 望江路
  '510107003': { lat: 30.6321, lng: 104.0622 }, // 玉林
  '510107004': { lat: 30.6282, lng: 104.0719 }, // 跳伞塔
  '510107005': { lat: 30.6081, lng: 104.0722 }, // 火车南站
  '510107006': { lat: 30.6379, lng: 104.0231 }, // 双楠
  '510107007': { lat: 30.6232, lng: 104.0118 }, // 晋阳
  '510107008': { lat: 30.6229, lng: 104.0381 }, // 红牌楼
  '510107009': { lat: 30.6001, lng: 104.0268 }, // 簇桥
  '510107010': { lat: 30.6152, lng: 103.9951 }, // 机投桥
  '510107011': { lat: 30.5951, lng: 104.0002 }, // 金花桥
  // Streets of 成华区
  '510108001': { lat: 30.6632, lng: 104.0968 }, // 猛追湾
  '510108002': { lat: 30.6521, lng: 104.1122 }, // 双桥子
  '510108003': { lat: 30.6851, lng: 104.0988 }, // 府青路
  '510108004': { lat: 30.6768, lng: 104.1331 }, // 二仙桥
  '510108005': { lat: 30.6601, lng: 104.1252 }, // 跳蹬河
  '510108006': { lat: 30.6749, lng: 104.1092 }, // 建设路
  '510108007': { lat: 30.6621, lng: 104.1428 }, // 圣灯
  '510108008': { lat: 30.6429, lng: 104.1601 }, // 保和
  '510108009': { lat: 30.7149, lng: 104.1252 }, // 青龙
  '510108010': { lat: 30.7201, lng: 104.1702 }, // 龙潭
};

/** The unit's centroid, or undefined for a code the list does not hold. */
export function centroidOf(code: string): Centroid | undefined {
  return Object.prototype.hasOwnProperty.call(ORG_UNIT_CENTROIDS, code)
    ? ORG_UNIT_CENTROIDS[code]
    : undefined;
}
