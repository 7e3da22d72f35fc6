//! Why content could not be shown, in words a reader understands.

use parkreader_core::{BundleError, Lang};

/// A failure to load the bundle (or an article body).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The request never got an answer: offline, DNS, blocked.
    #[error("网络连接失败，无法下载内容数据。请检查网络后重试。")]
    Network {
        /// What was requested.
        url: String,
        /// The browser's own message.
        detail: String,
    },
    /// The server answered, but not with the file.
    #[error("服务器没有返回内容数据（HTTP {status}）。请稍后重试。")]
    Http {
        /// What was requested.
        url: String,
        /// HTTP status code.
        status: u16,
    },
    /// The file arrived but is not a valid bundle.
    #[error("内容数据已下载，但格式有误，无法显示。")]
    Invalid {
        /// What was requested.
        url: String,
        /// Every problem found.
        error: BundleError,
    },
}

impl LoadError {
    /// A short heading for the error screen.
    pub fn title(&self, lang: Lang) -> &'static str {
        let t = lang.ui();
        match self {
            LoadError::Network { .. } => t.error_network_title,
            LoadError::Http { status: 404, .. } => t.error_missing_title,
            LoadError::Http { .. } => t.error_server_title,
            LoadError::Invalid { .. } => t.error_invalid_title,
        }
    }

    /// What went wrong and what to do, in `lang` (`Display` gives the Chinese).
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.ui();
        match self {
            LoadError::Network { .. } => t.error_network.to_string(),
            LoadError::Http { status, .. } => lang.error_http(*status),
            LoadError::Invalid { .. } => t.error_invalid.to_string(),
        }
    }

    /// Technical lines for the publisher: the URL and each problem.
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Network { url, detail } => vec![format!("{url}: {detail}")],
            LoadError::Http { url, status } => vec![format!("{url}: HTTP {status}")],
            LoadError::Invalid { url, error } => {
                let mut lines = vec![url.clone()];
                lines.extend(error.problems());
                lines
            }
        }
    }
}
