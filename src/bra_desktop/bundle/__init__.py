"""Excel bundles: the schema, the streaming writer, the safe reader, the merge planner and apply. No Qt."""
