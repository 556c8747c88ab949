// placeholder until this concern has code
