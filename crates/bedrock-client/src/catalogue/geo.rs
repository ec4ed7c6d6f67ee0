//! Which cross-region inference profiles a source region may call, as Bedrock groups them:
//! `us.`, `us-gov.`, `eu.`, `apac.`, and the country profiles `jp.` (Tokyo, Osaka) and `au.`
//! (Sydney, Melbourne), which those regions have besides `apac.`; `global.` from any commercial
//! region. Bedrock documents no `ca.` profile: Canadian regions call the `us.` ones.

/// The geography prefixes of `region`'s own profiles, narrowest first (`ap-northeast-1` →
/// `jp`, `apac`). Empty when the region belongs to no geography; `global` is not included.
pub fn geographies(region: &str) -> Vec<&'static str> {
    if region.starts_with("us-gov-") {
        return vec!["us-gov"];
    }
    let country = match region {
        "ap-northeast-1" | "ap-northeast-3" => Some("jp"),
        "ap-southeast-2" | "ap-southeast-4" => Some("au"),
        _ => None,
    };
    let area = match region.split('-').next().unwrap_or("") {
        "us" | "ca" => Some("us"),
        "eu" => Some("eu"),
        "ap" => Some("apac"),
        _ => None,
    };
    country.into_iter().chain(area).collect()
}

/// `global.` profiles route to every commercial region; GovCloud has none.
pub fn has_global(region: &str) -> bool {
    !region.starts_with("us-gov-")
}

/// The prefix of the region's widest regional profiles (`eu-west-1` → `eu`), for well-known
/// profile IDs when nothing can be listed; `us` for a region of no geography.
pub fn geo_prefix(region: &str) -> &'static str {
    geographies(region).last().copied().unwrap_or("us")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_region_has_its_geographies() {
        let cases: &[(&str, &[&str])] = &[
            ("us-east-1", &["us"]),
            ("us-west-2", &["us"]),
            ("ca-central-1", &["us"]),
            ("us-gov-west-1", &["us-gov"]),
            ("eu-west-3", &["eu"]),
            ("eu-central-2", &["eu"]),
            ("ap-south-1", &["apac"]),
            ("ap-northeast-1", &["jp", "apac"]),
            ("ap-northeast-3", &["jp", "apac"]),
            ("ap-southeast-2", &["au", "apac"]),
            ("ap-southeast-4", &["au", "apac"]),
            ("sa-east-1", &[]),
        ];
        for (region, expected) in cases {
            assert_eq!(geographies(region), *expected, "{region}");
        }
        assert!(has_global("eu-west-1") && !has_global("us-gov-east-1"));
        assert_eq!(geo_prefix("ap-northeast-1"), "apac");
        assert_eq!(geo_prefix("us-gov-west-1"), "us-gov");
        assert_eq!(geo_prefix("sa-east-1"), "us");
    }
}
