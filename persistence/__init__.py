"""Storage: SQLAlchemy 2 tables mapped onto domain classes, repositories, unit of work."""
