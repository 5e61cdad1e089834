"""Citizen field reports, "reflections" (001/2020/QĐ-UBND Huế): intake to publication."""
