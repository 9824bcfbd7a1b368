import type { OrgLevel } from '@platform/auth';

/**
 * The org tree seeded by migration 1763900000000. It lives beside the migration (not in org-tree/) because a
 * landed migration must never change: later corrections go into a new migration with its own data.
 *
 * City and district/county codes are the official GB/T 2260 codes. Street (街道/乡镇) codes are PLATFORM codes,
 * not the official statistical codes: district code + a 3-digit sequence. Community (社区) codes are street code +
 * a 3-digit sequence; the communities are demo entries.
 * Listed parents first: the migration derives each path from its parent's.
 */
export interface OrgUnitSeed {
  code: string;
  parentCode: string | null;
  level: OrgLevel;
  nameZh: string;
  nameEn: string | null;
}

const CITY = '510100';

const DISTRICTS: Array<[code: string, nameZh: string, nameEn: string]> = [
  ['510104', '锦江区', 'Jinjiang District'],
  ['510105', '青羊区', 'Qingyang District'],
  ['510106', '金牛区', 'Jinniu District'],
  ['510107', '武侯区', 'Wuhou District'],
  ['510108', '成华区', 'Chenghua District'],
  ['510112', '龙泉驿区', 'Longquanyi District'],
  ['510113', '青白江区', 'Qingbaijiang District'],
  ['510114', '新都区', 'Xindu District'],
  ['510115', '温江区', 'Wenjiang District'],
  ['510116', '双流区', 'Shuangliu District'],
  ['510117', '郫都区', 'Pidu District'],
  ['510118', '新津区', 'Xinjin District'],
  ['510121', '金堂县', 'Jintang County'],
  ['510129', '大邑县', 'Dayi County'],
  ['510131', '蒲江县', 'Pujiang County'],
  ['510181', '都江堰市', 'Dujiangyan City'],
  ['510182', '彭州市', 'Pengzhou City'],
  ['510183', '邛崃市', 'Qionglai City'],
  ['510184', '崇州市', 'Chongzhou City'],
  ['510185', '简阳市', 'Jianyang City'],
];

/** Streets of the five central districts, in platform-code order (sequence 001, 002, …). */
const STREETS: Record<string, Array<[nameZh: string, nameEn: string]>> = {
  '510104': [
    ['督院街街道', 'Duyuanjie Subdistrict'],
    ['盐市口街道', 'Yanshikou Subdistrict'],
    ['春熙路街道', 'Chunxilu Subdistrict'],
    ['书院街街道', 'Shuyuanjie Subdistrict'],
    ['合江亭街道', 'Hejiangting Subdistrict'],
    ['水井坊街道', 'Shuijingfang Subdistrict'],
    ['牛市口街道', 'Niushikou Subdistrict'],
    ['沙河街道', 'Shahe Subdistrict'],
    ['狮子山街道', 'Shizishan Subdistrict'],
    ['成龙路街道', 'Chenglonglu Subdistrict'],
    ['三圣街道', 'Sansheng Subdistrict'],
  ],
  '510105': [
    ['少城街道', 'Shaocheng Subdistrict'],
    ['草市街街道', 'Caoshijie Subdistrict'],
    ['草堂街道', 'Caotang Subdistrict'],
    ['府南街道', 'Funan Subdistrict'],
    ['光华街道', 'Guanghua Subdistrict'],
    ['金沙街道', 'Jinsha Subdistrict'],
    ['黄田坝街道', 'Huangtianba Subdistrict'],
    ['苏坡街道', 'Supo Subdistrict'],
    ['文家街道', 'Wenjia Subdistrict'],
  ],
  '510106': [
    ['西安路街道', "Xi'anlu Subdistrict"],
    ['人民北路街道', 'Renminbeilu Subdistrict'],
    ['荷花池街道', 'Hehuachi Subdistrict'],
    ['驷马桥街道', 'Simaqiao Subdistrict'],
    ['茶店子街道', 'Chadianzi Subdistrict'],
    ['抚琴街道', 'Fuqin Subdistrict'],
    ['九里堤街道', 'Jiulidi Subdistrict'],
    ['五块石街道', 'Wukuaishi Subdistrict'],
    ['营门口街道', 'Yingmenkou Subdistrict'],
    ['金泉街道', 'Jinquan Subdistrict'],
    ['沙河源街道', 'Shaheyuan Subdistrict'],
    ['天回镇街道', 'Tianhuizhen Subdistrict'],
  ],
  '510107': [
    ['浆洗街街道', 'Jiangxijie Subdistrict'],
    ['望江路街道', 'Wangjianglu Subdistrict'],
    ['玉林街道', 'Yulin Subdistrict'],
    ['跳伞塔街道', 'Tiaosanta Subdistrict'],
    ['火车南站街道', 'Huochenanzhan Subdistrict'],
    ['双楠街道', 'Shuangnan Subdistrict'],
    ['晋阳街道', 'Jinyang Subdistrict'],
    ['红牌楼街道', 'Hongpailou Subdistrict'],
    ['簇桥街道', 'Cuqiao Subdistrict'],
    ['机投桥街道', 'Jitouqiao Subdistrict'],
    ['金花桥街道', 'Jinhuaqiao Subdistrict'],
  ],
  '510108': [
    ['猛追湾街道', 'Mengzhuiwan Subdistrict'],
    ['双桥子街道', 'Shuangqiaozi Subdistrict'],
    ['府青路街道', 'Fuqinglu Subdistrict'],
    ['二仙桥街道', 'Erxianqiao Subdistrict'],
    ['跳蹬河街道', 'Tiaodenghe Subdistrict'],
    ['建设路街道', 'Jianshelu Subdistrict'],
    ['圣灯街道', 'Shengdeng Subdistrict'],
    ['保和街道', 'Baohe Subdistrict'],
    ['青龙街道', 'Qinglong Subdistrict'],
    ['龙潭街道', 'Longtan Subdistrict'],
  ],
};

/** Demo communities: street code → names. */
const COMMUNITIES: Record<string, Array<[nameZh: string, nameEn: string]>> = {
  '510107003': [
    ['玉林北路社区', 'Yulin North Road Community'],
    ['玉林东路社区', 'Yulin East Road Community'],
  ],
  '510104003': [['和平街社区', 'Hepingjie Community']],
};

const seq = (index: number) => String(index + 1).padStart(3, '0');

export const CHENGDU_ORG_UNITS: readonly OrgUnitSeed[] = [
  { code: CITY, parentCode: null, level: 'city', nameZh: '成都市', nameEn: 'Chengdu' },
  ...DISTRICTS.map(([code, nameZh, nameEn]): OrgUnitSeed => ({
    code,
    parentCode: CITY,
    level: 'district',
    nameZh,
    nameEn,
  })),
  ...Object.entries(STREETS).flatMap(([district, streets]) =>
    streets.map(([nameZh, nameEn], i): OrgUnitSeed => ({
      code: `${district}${seq(i)}`,
      parentCode: district,
      level: 'street',
      nameZh,
      nameEn,
    })),
  ),
  ...Object.entries(COMMUNITIES).flatMap(([street, communities]) =>
    communities.map(([nameZh, nameEn], i): OrgUnitSeed => ({
      code: `${street}${seq(i)}`,
      parentCode: street,
      level: 'community',
      nameZh,
      nameEn,
    })),
  ),
];
