"""Plans stored for data teams: an SQLite database (`sqlite`) and its Parquet export
(`parquet`), both with one table per kind of record (`schema`)."""
