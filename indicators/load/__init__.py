"""Reading data: strict, bounded reads of a data folder or an upload, validated into a Dataset."""
