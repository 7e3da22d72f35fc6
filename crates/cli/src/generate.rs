//! A deterministic corpus generator: bundles of any size with realistic Chinese investment news,
//! for benchmarks and scale tests. The same seed always writes the same bundle.

use parkreader_core::{
    Article, Block, Bundle, CapacityLine, Contact, Currency, Date, Investment, Park, Project,
    ProjectDates, ProjectStatus, Site, Source, Stage, Taxonomies, Term, FORMAT_VERSION,
};

/// splitmix64: tiny, fast, and good enough for making up news.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const DISTRICTS: [(&str, &str); 6] = [
    ("jinshan", "金山区"),
    ("qingpu", "青浦区"),
    ("songjiang", "松江区"),
    ("fengxian", "奉贤区"),
    ("jiading", "嘉定区"),
    ("pudong", "浦东新区"),
];
const INDUSTRIES: [(&str, &str); 8] = [
    ("new-materials", "新材料"),
    ("high-end-equipment", "高端装备"),
    ("next-gen-it", "新一代信息技术"),
    ("biomedicine", "生物医药"),
    ("new-energy", "新能源"),
    ("producer-services", "生产性服务业"),
    ("green-chemicals", "绿色化工"),
    ("rural-tourism", "乡村旅游"),
];
const CATEGORIES: [(&str, &str); 5] = [
    ("signings", "招商动态"),
    ("policy", "政策解读"),
    ("park-news", "园区新闻"),
    ("events", "活动赛事"),
    ("environment", "生态环境"),
];
const TAGS: [&str; 16] = [
    "碳纤维",
    "新材料",
    "外资",
    "云签约",
    "重大项目",
    "生物医药",
    "无人机",
    "新能源",
    "专项资金",
    "创新创业",
    "绿色化工",
    "集成电路",
    "智能制造",
    "人工智能",
    "氢能",
    "文旅融合",
];
const SUBJECTS: [&str; 12] = [
    "区政府",
    "园区管委会",
    "投资促进办公室",
    "上海石化",
    "某新材料科技公司",
    "某生物医药企业",
    "某外资企业",
    "产业联盟",
    "研究院",
    "龙头企业",
    "专精特新企业",
    "产业基金",
];
const ACTIONS: [&str; 10] = [
    "签署战略合作协议",
    "举行项目集中签约仪式",
    "正式开工建设",
    "宣布扩产计划",
    "落户产业园区",
    "发布专项扶持政策",
    "召开招商推介会",
    "启动云签约",
    "完成首批设备调试",
    "实现竣工投产",
];
const PRODUCTS: [&str; 14] = [
    "大丝束碳纤维",
    "热塑性弹性体",
    "碳纤维复合材料",
    "无人机整机",
    "动力电池隔膜",
    "高端医疗器械",
    "创新药制剂",
    "5G光缆材料",
    "工业机器人",
    "氢燃料电池",
    "光伏组件",
    "半导体材料",
    "精细化学品",
    "智能传感器",
];
const PHRASES: [&str; 16] = [
    "推动化工产业向精细化、绿色化、高端化转型",
    "合作共赢是双方的共同目标",
    "项目建成后将形成完整的产业链条",
    "进一步优化营商环境和要素保障",
    "围绕新材料、新能源和协同创新深化合作",
    "打造长三角具有影响力的产业集群",
    "孵化项目二十余个，储备项目二十余个",
    "产品广泛应用于风电、光伏、轨道交通和航空领域",
    "空气质量优良率持续保持在较高水平",
    "水环境断面达标率稳步提升",
    "为中小企业提供工艺验证和检测服务",
    "加快推进重大项目早开工、早投产、早见效",
    "吸引上下游配套企业集聚发展",
    "以链主企业带动产业链协同创新",
    "提供一站式代办服务，缩短审批时间",
    "探索土地高效利用和厂房定制新模式",
];
const PARK_NAMES: [&str; 4] = ["产业园", "高新技术产业开发区", "工业区", "经济技术开发区"];

/// Writes a bundle of `articles` articles and one project per ten articles (at least eight).
pub fn corpus(articles: usize, seed: u64) -> Bundle {
    let mut rng = Rng(seed);
    let project_count = (articles / 10).max(8);
    let districts: Vec<Term> = DISTRICTS.iter().map(|(id, name)| term(id, name)).collect();
    let parks: Vec<Park> = DISTRICTS
        .iter()
        .enumerate()
        .flat_map(|(i, (id, name))| {
            PARK_NAMES.iter().enumerate().map(move |(j, suffix)| Park {
                id: format!("{id}-park-{j}"),
                name: format!("{}{}", name.trim_end_matches(['区', '新']), suffix),
                name_en: None,
                district: DISTRICTS[i].0.to_string(),
            })
        })
        .collect();
    let statuses = vec![
        ProjectStatus {
            id: "negotiating".into(),
            name: "洽谈中".into(),
            name_en: Some("Negotiating".into()),
            stage: Stage::Planned,
        },
        ProjectStatus {
            id: "signed".into(),
            name: "已签约".into(),
            name_en: Some("Signed".into()),
            stage: Stage::Signed,
        },
        ProjectStatus {
            id: "building".into(),
            name: "在建".into(),
            name_en: Some("Under construction".into()),
            stage: Stage::Construction,
        },
        ProjectStatus {
            id: "operating".into(),
            name: "已投产".into(),
            name_en: Some("Operating".into()),
            stage: Stage::Operating,
        },
    ];
    let tags: Vec<Term> = TAGS
        .iter()
        .enumerate()
        .map(|(i, name)| term(&format!("tag-{i}"), name))
        .collect();

    let projects: Vec<Project> = (0..project_count)
        .map(|i| {
            let d = rng.below(DISTRICTS.len());
            let product = *rng.pick(&PRODUCTS);
            let (industry, industry_name) = *rng.pick(&INDUSTRIES);
            let year = 2018 + rng.below(8) as i32;
            let signed = date(year, &mut rng);
            let yi = 1 + rng.below(600) as u64;
            let currency = if rng.below(8) == 0 {
                Currency::Usd
            } else {
                Currency::Cny
            };
            let mut project = Project {
                id: format!("p{i:06}"),
                name: format!(
                    "{}{}{}项目",
                    DISTRICTS[d].1,
                    product,
                    if rng.below(2) == 0 {
                        "产业化"
                    } else {
                        "研发制造"
                    }
                ),
                summary: format!(
                    "项目总投资约{}亿{}，主要建设{}生产线，{}。",
                    yi as f64 / 10.0,
                    // In the currency of its amount: a project in dollars says 亿美元.
                    if currency == Currency::Usd {
                        "美元"
                    } else {
                        "元"
                    },
                    product,
                    rng.pick(&PHRASES)
                ),
                description: vec![Block::Paragraph {
                    text: format!(
                        "{}{}，{}。{}。",
                        rng.pick(&SUBJECTS),
                        rng.pick(&ACTIONS),
                        rng.pick(&PHRASES),
                        rng.pick(&PHRASES)
                    ),
                    links: Vec::new(),
                    strong: Vec::new(),
                }],
                industry: industry.to_string(),
                tags: vec![tags[rng.below(tags.len())].id.clone()],
                district: DISTRICTS[d].0.to_string(),
                park: Some(format!(
                    "{}-park-{}",
                    DISTRICTS[d].0,
                    rng.below(PARK_NAMES.len())
                )),
                investor: format!(
                    "某{}{}有限公司",
                    industry_name,
                    if rng.below(2) == 0 {
                        "科技"
                    } else {
                        "产业发展"
                    }
                ),
                partners: vec![],
                investment: Some(Investment {
                    amount: yi * 10_000_000,
                    currency,
                }),
                land_mu: Some((20 + rng.below(300)) as f64),
                capacity: vec![CapacityLine {
                    product: product.to_string(),
                    quantity: (1 + rng.below(50)) as f64 * 1000.0,
                    unit: "吨/年".into(),
                }],
                status: statuses[rng.below(statuses.len())].id.clone(),
                dates: ProjectDates {
                    signed: Some(signed),
                    ..Default::default()
                },
                featured: i < 4,
                cover: None,
                related_articles: vec![],
            };
            // A project still negotiated has no signing date (the build warns of one).
            if statuses
                .iter()
                .any(|s| s.id == project.status && s.stage == Stage::Planned)
            {
                project.dates.signed = None;
            }
            project
        })
        .collect();

    let articles: Vec<Article> = (0..articles)
        .map(|i| {
            let (category, _) = *rng.pick(&CATEGORIES);
            let d = rng.below(DISTRICTS.len());
            let product = *rng.pick(&PRODUCTS);
            let year = 2018 + rng.below(8) as i32;
            let yi = 1 + rng.below(500);
            let title = format!(
                "{}{}{}，{}项目总投资{}亿元",
                DISTRICTS[d].1,
                rng.pick(&SUBJECTS),
                rng.pick(&ACTIONS),
                product,
                yi as f64 / 10.0
            );
            let mut body = Vec::new();
            let mut length = 0;
            while length < 460 {
                let when = date(year, &mut rng).format_long(parkreader_core::Lang::Zh);
                let text = format!(
                    "{when}，{}{}，{}。{}，{}年产能达到{}万吨。",
                    rng.pick(&SUBJECTS),
                    rng.pick(&ACTIONS),
                    rng.pick(&PHRASES),
                    rng.pick(&PHRASES),
                    rng.pick(&PRODUCTS),
                    1 + rng.below(30)
                );
                length += text.chars().count();
                body.push(Block::Paragraph {
                    text,
                    links: Vec::new(),
                    strong: Vec::new(),
                });
            }
            let related = if rng.below(3) == 0 {
                vec![projects[rng.below(projects.len())].id.clone()]
            } else {
                vec![]
            };
            Article {
                id: format!("a{i:07}"),
                slug: format!("a{i:07}"),
                summary: format!("{}。{}。", rng.pick(&PHRASES), rng.pick(&PHRASES)),
                title,
                category: category.to_string(),
                tags: {
                    let a = rng.below(tags.len());
                    let b = (a + 1 + rng.below(tags.len() - 1)) % tags.len();
                    vec![tags[a].id.clone(), tags[b].id.clone()]
                },
                author: "投资促进办公室".into(),
                published: date(year, &mut rng),
                views: rng.below(30_000) as u64,
                cover: None,
                body: Some(body),
                body_url: None,
                source: Some(Source {
                    name: "示例来源".into(),
                    url: Some(format!("https://news.example.org/{i}")),
                }),
                copyright: None,
                related_projects: related,
            }
        })
        .collect();

    Bundle {
        format: FORMAT_VERSION,
        site: Site {
            name: "招商资讯（生成语料）".into(),
            description: "用于性能测试的生成语料。".into(),
            base_url: "https://parkreader.example.org/".into(),
            locale: "zh-CN".into(),
            contact: Contact {
                hotline: "400-000-0000".into(),
                wechat_id: Some("park-invest-demo".into()),
                email: None,
                inquiry_checklist: vec![],
            },
            copyright: "生成内容，仅供测试。".into(),
        },
        taxonomies: Taxonomies {
            categories: CATEGORIES.iter().map(|(id, name)| term(id, name)).collect(),
            tags,
            industries: INDUSTRIES.iter().map(|(id, name)| term(id, name)).collect(),
            districts,
            parks,
            statuses,
        },
        articles,
        projects,
        body_search: None,
        moved: Default::default(),
    }
}

fn term(id: &str, name: &str) -> Term {
    Term {
        id: id.to_string(),
        name: name.to_string(),
        name_en: None,
    }
}

fn date(year: i32, rng: &mut Rng) -> Date {
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    Date::from_ymd(year, month, day).expect("days 1-28 exist in every month")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project's summary states its amount in the amount's own currency.
    #[test]
    fn summaries_say_the_currency_of_the_amount() {
        let c = corpus(2000, 7);
        let mut dollars = 0;
        for p in &c.projects {
            let usd = p.investment.as_ref().unwrap().currency == Currency::Usd;
            dollars += usize::from(usd);
            assert_eq!(p.summary.contains("亿美元"), usd, "{}", p.summary);
        }
        assert!(dollars > 0, "some projects are in dollars");
    }

    #[test]
    fn corpus_is_valid_and_deterministic() {
        let a = corpus(200, 7);
        assert_eq!(parkreader_core::validate(&a), Ok(()));
        assert_eq!((a.articles.len(), a.projects.len()), (200, 20));
        assert_eq!(a, corpus(200, 7));
        assert_ne!(a.articles[0].title, corpus(200, 8).articles[0].title);
        let chars: usize = a
            .articles
            .iter()
            .map(|x| {
                parkreader_core::browse::blocks_text(x.body.as_deref().unwrap())
                    .chars()
                    .count()
            })
            .sum();
        assert!(
            (450..700).contains(&(chars / 200)),
            "about 490 characters a body, got {}",
            chars / 200
        );
    }
}
