"""What valid data is: the schemas' descriptor, the indicator registry, and problems in plain words."""
