//! The deterministic randomness and the words of a synthetic book (`pactum gen`).

/// splitmix64: tiny, fast, and the same sequence on every platform for a given seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            // Multiply-shift: unbiased enough for synthetic data, and branch-free.
            ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
        }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo) as u64 + 1) as i64
        }
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index into `weights`, chosen in proportion to them.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut at = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return i;
            }
            at -= w;
        }
        weights.len().saturating_sub(1)
    }
}

pub const NAME_FIRST: &[&str] = &[
    "Acme",
    "Aurora",
    "Basalt",
    "Beacon",
    "Birch",
    "Cobalt",
    "Copper",
    "Crescent",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Helix",
    "Indigo",
    "Juniper",
    "Keystone",
    "Lumen",
    "Maple",
    "Meridian",
    "Nimbus",
    "Northwind",
    "Oak",
    "Orbit",
    "Pioneer",
    "Quarry",
    "Quartz",
    "Redwood",
    "Saffron",
    "Summit",
    "Tandem",
    "Tidal",
    "Umber",
    "Vantage",
    "Vertex",
    "Willow",
    "Zenith",
    "Alder",
    "Brook",
    "Cinder",
];

pub const NAME_SECOND: &[&str] = &[
    "Analytics",
    "Bakery",
    "Biotech",
    "Builders",
    "Capital",
    "Cargo",
    "Clinics",
    "Consulting",
    "Dairy",
    "Design",
    "Energy",
    "Engineering",
    "Foods",
    "Freight",
    "Games",
    "Health",
    "Hotels",
    "Insurance",
    "Labs",
    "Legal",
    "Logistics",
    "Media",
    "Metals",
    "Mobility",
    "Motors",
    "Networks",
    "Optics",
    "Outfitters",
    "Pharma",
    "Print",
    "Retail",
    "Robotics",
    "Security",
    "Shipping",
    "Software",
    "Solar",
    "Studios",
    "Systems",
    "Textiles",
    "Travel",
];

pub const LEGAL: &[&str] = &["Ltd", "GmbH", "SA", "Inc", "BV", "AB", "Oy", "SRL"];

pub const OWNERS: &[&str] = &["ana", "ben", "chloe", "dev", "emeka"];

pub const TAGS: &[&str] = &[
    "reseller",
    "enterprise",
    "smb",
    "emea",
    "apac",
    "americas",
    "strategic",
    "pilot",
    "referral",
    "integration",
];

pub const OUTCOMES: &[&str] = &[
    "a joint offer in their market by next year",
    "cut their onboarding time in half",
    "a reference customer in their sector",
    "renewal with a wider scope",
    "co-selling in two regions",
    "",
];

pub const ROLES: &[&str] = &[
    "CEO",
    "CTO",
    "head of partnerships",
    "buyer",
    "ops lead",
    "CFO",
];

pub const PEOPLE: &[&str] = &[
    "Alex", "Sam", "Noor", "Jo", "Mika", "Ravi", "Lena", "Tomas", "Aiko", "Priya", "Omar", "Ines",
];

pub const OUR_TITLES: &[&str] = &[
    "send the proposal",
    "share the roadmap",
    "fix the export bug",
    "introduce our CTO",
    "deliver the training",
    "write the case study",
    "price the extension",
    "send meeting notes",
    "review their integration",
    "prepare the quarterly report",
];

pub const THEIR_TITLES: &[&str] = &[
    "sign the NDA",
    "send usage figures",
    "introduce their buyer",
    "give feedback on the pilot",
    "share the budget",
    "confirm the launch date",
    "provide test accounts",
    "name a sponsor",
    "send the reference quote",
    "approve the statement of work",
];

pub const ONGOING_OURS: &[&str] = &[
    "best advice, even when it costs us",
    "regular care without an ask",
    "time to understand the problem",
    "be their ambassador inside our company",
];

pub const ONGOING_THEIRS: &[&str] = &[
    "regular honest feedback",
    "access to key people",
    "updates on changing business objectives",
    "transparency about their constraints",
];

pub const TOUCH_SUMMARIES: &[&str] = &[
    "checked in on the rollout",
    "walked through the new pricing",
    "talked about next quarter",
    "answered questions about the contract",
    "shared progress on the integration",
    "heard about their reorganisation",
    "planned the joint webinar",
    "followed up on open items",
    "sent the monthly status",
    "caught up over coffee",
];

pub const PROBLEMS: &[&str] = &[
    "the release slipped by two weeks",
    "an invoice was sent twice",
    "their data import failed",
    "a support ticket went unanswered",
    "the pilot missed its target",
];

pub const END_REASONS: &[&str] = &[
    "commitment dwindled and the effort ran one way",
    "they were acquired and the strategy changed",
    "no shared goal after the pilot",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
    }

    #[test]
    fn ranges_stay_inside() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            let x = r.range(-3, 4);
            assert!((-3..=4).contains(&x));
            assert!(r.below(10) < 10);
        }
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.weighted(&[0, 3, 0]), 1);
    }
}

/// Share of all touches and commitments (per mille) given to each partner with a very long
/// history, so a few partners have tens of thousands of records, as real books do.
pub const HEAVY_PER_MILLE: u64 = 20;

/// Splits `total` over `n` partners: the first `heavy` get a large fixed share, the others a
/// random share each; the parts add up to `total` exactly.
pub fn quotas(rng: &mut Rng, total: u64, n: usize, heavy: usize) -> Vec<u64> {
    let mut out = vec![0u64; n];
    let mut left = total;
    for q in out.iter_mut().take(heavy) {
        *q = (total * HEAVY_PER_MILLE / 1000).min(left);
        left -= *q;
    }
    let weights: Vec<u64> = (heavy..n).map(|_| 1 + rng.below(100)).collect();
    let sum: u64 = weights.iter().sum();
    let mut cumulative = 0u64;
    let mut given = 0u64;
    for (q, w) in out.iter_mut().skip(heavy).zip(&weights) {
        cumulative += w;
        let upto = (u128::from(left) * u128::from(cumulative) / u128::from(sum.max(1))) as u64;
        *q = upto - given;
        given = upto;
    }
    out
}

#[cfg(test)]
mod quota_tests {
    use super::*;

    #[test]
    fn quotas_add_up_and_favour_the_long_histories() {
        let q = quotas(&mut Rng::new(3), 100_000, 1000, 2);
        assert_eq!(q.iter().sum::<u64>(), 100_000);
        assert_eq!(q[0], 2000);
        assert!(q[2..].iter().all(|n| *n < 2000));
        assert_eq!(quotas(&mut Rng::new(3), 5, 0, 0), Vec::<u64>::new());
        assert_eq!(quotas(&mut Rng::new(3), 7, 3, 0).iter().sum::<u64>(), 7);
    }
}
