"""The pull-request gate: the git view of a change, trusted inputs, posting to GitHub and GitLab,
and the after-merge `registry add`."""
