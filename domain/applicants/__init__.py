"""Public-service accounts of citizens, organisations and businesses (002 Art. 10, 14)."""
