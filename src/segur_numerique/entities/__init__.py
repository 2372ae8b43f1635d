"""Who the programmes fund: establishments, ESMS and their grappes, doctors, software vendors."""
