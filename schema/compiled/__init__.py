"""The compiled read path: hot root fields answered by one SQL statement that builds their
JSON in the database, spliced into the response without graphql-core completing it."""
