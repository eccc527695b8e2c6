"""Builder: a course rendered into one static, mobile-first site."""
